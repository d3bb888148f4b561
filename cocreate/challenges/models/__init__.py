"""Challenges and competitions: from a question to tested prototypes, and support afterwards.

One module per part of a challenge, each holding its own models:
- `setup`: the challenge itself (the template it started from), team composition rules, and the
  catalogue of open datasets for a hackathon;
- `events`: workshops, camps, hack days, meetings; registrations with a waiting list, check-in
  and what came out of an event (ideas and notes, attributed to the people present);
- `teams`: teams, members, invitations and requests to join, the "looking for a team" board;
- `prototypes`: prototypes from ideas, their stage changed by gate decisions, versions, test
  sessions and structured feedback;
- `judging`: entries, rubrics with weighted criteria and score levels, judges and conflicts of
  interest, scores and pairwise comparisons, published results;
- `condensing`: condensed proposals grouping related ideas, the vote on them by sub-theme, and
  co-design invitations to the authors of the originals;
- `support`: support needed by teams and offered by partners, matches, and check-ins months
  after the challenge;
- `recognition`: certificates, public credits and prizes shared among team members.
"""

from cocreate.challenges.models.condensing import (
    CoDesignInvitation,
    CoDesignStatus,
    CondensedProposal,
    CondensedSource,
    CondensedVote,
)
from cocreate.challenges.models.events import (
    Attendance,
    CapturedIdea,
    Event,
    EventKind,
    EventNote,
    Registration,
    RegistrationStatus,
)
from cocreate.challenges.models.judging import (
    Comparison,
    Conflict,
    Criterion,
    Entry,
    EntryResult,
    Judge,
    JudgingMode,
    Level,
    Rubric,
    Score,
)
from cocreate.challenges.models.prototypes import (
    Feedback,
    GateDecision,
    InvitedBecause,
    Prototype,
    PrototypeSource,
    PrototypeVersion,
    Stage,
    TestInvitation,
    TestSession,
    WouldUse,
)
from cocreate.challenges.models.recognition import PaymentStatus, Prize, PrizeShare, Recognition, RecognitionKind
from cocreate.challenges.models.setup import Challenge, ChallengeTemplate, CompositionRule, Dataset, RuleMatch
from cocreate.challenges.models.support import (
    BuiltInSupport,
    CheckIn,
    MatchStatus,
    NeedStatus,
    SupportKind,
    SupportMatch,
    SupportNeed,
    SupportOffer,
)
from cocreate.challenges.models.teams import (
    InvitationDirection,
    InvitationStatus,
    Team,
    TeamInvitation,
    TeamMember,
    TeamRole,
    TeamSeeker,
)

__all__ = [
    "Attendance",
    "BuiltInSupport",
    "CapturedIdea",
    "Challenge",
    "ChallengeTemplate",
    "CheckIn",
    "CoDesignInvitation",
    "CoDesignStatus",
    "Comparison",
    "CompositionRule",
    "CondensedProposal",
    "CondensedSource",
    "CondensedVote",
    "Conflict",
    "Criterion",
    "Dataset",
    "Entry",
    "EntryResult",
    "Event",
    "EventKind",
    "EventNote",
    "Feedback",
    "GateDecision",
    "InvitationDirection",
    "InvitationStatus",
    "InvitedBecause",
    "Judge",
    "JudgingMode",
    "Level",
    "MatchStatus",
    "NeedStatus",
    "PaymentStatus",
    "Prize",
    "PrizeShare",
    "Prototype",
    "PrototypeSource",
    "PrototypeVersion",
    "Recognition",
    "RecognitionKind",
    "Registration",
    "RegistrationStatus",
    "Rubric",
    "RuleMatch",
    "Score",
    "Stage",
    "SupportKind",
    "SupportMatch",
    "SupportNeed",
    "SupportOffer",
    "Team",
    "TeamInvitation",
    "TeamMember",
    "TeamRole",
    "TeamSeeker",
    "TestInvitation",
    "TestSession",
    "WouldUse",
]
