"""The templates a challenge starts from, as data: each names its phases (when they start, in
days after the challenge starts, how many days they last, and what people can do in them), the
settings its teams follow, and the team composition rules it starts with. `challenge_start`
turns one into a space's dated phases; staff then adapt them on the usual phase pages.

Activity names are those the parts of a challenge register as phased (ideas: submit_idea,
support, comment; teams: form_team, join_team; prototypes: submit_prototype, give_feedback;
judging: submit_entry, judge; condensing: vote_condensed; support: ask_for_support,
offer_support). Registering for an event is not listed: it is governed by each event's own
dates (the events part registers `register_for_event` unphased), so the workshop, camp and
co-design phases say when events happen and the events themselves open registration.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models.setup import ChallengeTemplate, RuleMatch


@dataclass(frozen=True)
class PhasePlan:
    title: str | Promise
    starts_after_days: int
    lasts_days: int
    activities: tuple[str, ...]
    description: str | Promise = ""


@dataclass(frozen=True)
class RulePlan:
    label: str | Promise
    match: str
    value: str
    minimum: int = 1


@dataclass(frozen=True)
class TemplatePlan:
    template: str
    summary: str | Promise
    phases: tuple[PhasePlan, ...]
    # Challenge fields set at the start (the model's defaults otherwise).
    settings: dict = field(default_factory=dict)
    rules: tuple[RulePlan, ...] = ()
    # The parts of a challenge its space's page leads to, in the order people meet them.
    parts: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(ChallengeTemplate(self.template).label)

    @property
    def lasts_days(self) -> int:
        return max(p.starts_after_days + p.lasts_days for p in self.phases)

    def activities(self) -> set[str]:
        return {name for phase in self.phases for name in phase.activities}


COMPETITION = TemplatePlan(
    template=ChallengeTemplate.COMPETITION,
    summary=_(
        "People share ideas online, develop them at a workshop, innovators turn them into prototypes at an "
        "innovation camp, people test the prototypes, and the teams get support afterwards."
    ),
    phases=(
        PhasePlan(
            _("Share your ideas"),
            0,
            42,
            ("submit_idea", "support", "comment"),
            _("Post ideas, support the ones you like and comment to improve them."),
        ),
        PhasePlan(
            _("Workshop: develop the ideas"),
            42,
            14,
            ("support", "comment"),
            _("Come to the workshop to develop the most promising ideas together."),
        ),
        PhasePlan(
            _("Innovation camp: build prototypes"),
            56,
            21,
            ("form_team", "join_team", "submit_prototype"),
            _("Form teams at the innovation camp and turn ideas into prototypes."),
        ),
        PhasePlan(
            _("Test the prototypes with the public"),
            77,
            28,
            ("give_feedback", "submit_entry", "judge"),
            _("Try the prototypes and tell the teams what works for you."),
        ),
        PhasePlan(
            _("Support after the competition"),
            105,
            180,
            ("ask_for_support", "offer_support"),
            _("Teams say what would help them go further; partners offer support."),
        ),
    ),
    settings={"team_min_size": 1, "team_max_size": 8, "one_team_per_person": True},
    parts=("events", "teams", "prototypes", "judging", "support", "recognition"),
)

OPEN_QUESTION = TemplatePlan(
    template=ChallengeTemplate.OPEN_QUESTION,
    summary=_(
        "Officials ask a question, people send proposals, similar proposals are condensed, people vote by "
        "sub-theme, and the authors of the top proposals are invited to co-design."
    ),
    phases=(
        PhasePlan(
            _("Send your proposals"),
            0,
            30,
            ("submit_idea", "support", "comment"),
            _("Answer the question with your proposals."),
        ),
        PhasePlan(
            _("Condensing the proposals"),
            30,
            14,
            (),
            _("The organisers group similar proposals into condensed proposals."),
        ),
        PhasePlan(
            _("Vote by sub-theme"),
            44,
            14,
            ("vote_condensed",),
            _("Vote for the condensed proposals you prefer in each sub-theme."),
        ),
        PhasePlan(
            _("Co-design"),
            58,
            30,
            (),
            _("The authors of the top proposals are invited to design them with the officials."),
        ),
    ),
    settings={"votes_per_theme": 1, "co_design_places": 1, "one_team_per_person": False},
    parts=("condensing", "events"),
)

HACKATHON = TemplatePlan(
    template=ChallengeTemplate.HACKATHON,
    summary=_(
        "Teams build on open datasets listed in the catalogue, submit their work with a link to its code and a "
        "demo, and judges choose the best."
    ),
    phases=(
        PhasePlan(
            _("Register and form teams"),
            0,
            21,
            ("form_team", "join_team", "comment"),
            _("Look at the datasets, register for the hack days and find a team."),
        ),
        PhasePlan(
            _("Hack and submit"),
            21,
            14,
            ("join_team", "submit_entry"),
            _("Build your project and submit it with links to its code and a demo."),
        ),
        PhasePlan(_("Judging"), 35, 7, ("judge",), _("The judges score the entries.")),
    ),
    settings={"team_min_size": 1, "team_max_size": 6, "one_team_per_person": True},
    parts=("datasets", "events", "teams", "judging", "support", "recognition"),
)

PARTNERED = TemplatePlan(
    template=ChallengeTemplate.PARTNERED,
    summary=_(
        "Digital specialists partner with public-service providers in mixed teams; prototypes are funded, then "
        "the best get follow-on support."
    ),
    phases=(
        PhasePlan(
            _("Share ideas"),
            0,
            28,
            ("submit_idea", "support", "comment"),
            _("Public-service providers and citizens say what needs to change."),
        ),
        PhasePlan(
            _("Form partnered teams"),
            28,
            28,
            ("form_team", "join_team"),
            _("Every digital specialist partners with a public-service provider."),
        ),
        PhasePlan(
            _("Build and submit prototypes"),
            56,
            42,
            ("join_team", "submit_prototype", "submit_entry"),
            _("Teams build prototypes and submit them for funding."),
        ),
        PhasePlan(
            _("Judging and feedback"),
            98,
            14,
            ("judge", "give_feedback"),
            _("Judges score the prototypes; people try them and give feedback."),
        ),
        PhasePlan(
            _("Follow-on support"),
            112,
            180,
            ("ask_for_support", "offer_support"),
            _("Successful teams ask for follow-on funding and other support."),
        ),
    ),
    settings={"team_min_size": 2, "team_max_size": 8, "one_team_per_person": True},
    rules=(
        RulePlan(_("a digital specialist"), RuleMatch.EXPERTISE, "Digital technology"),
        RulePlan(_("a public-service provider"), RuleMatch.ORGANISATION_KIND, "public_agency"),
    ),
    parts=("events", "teams", "prototypes", "judging", "support", "recognition"),
)

CATALOGUE: dict[str, TemplatePlan] = {
    plan.template: plan for plan in (COMPETITION, OPEN_QUESTION, HACKATHON, PARTNERED)
}


def plan_for(template: str) -> TemplatePlan:
    try:
        return CATALOGUE[template]
    except KeyError:
        raise LookupError(f"No challenge template called {template!r}; known: {sorted(CATALOGUE)}") from None
