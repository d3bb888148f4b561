"""The API for judging: a challenge's entries, submitting one, and the published results.
Blind review holds here too: a judge of a blind rubric still being judged gets entries without
their team or submitter."""

import math
from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.accounts.models import Person
from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.activities.judging import judge_standing
from cocreate.challenges.models import Criterion, Entry, Judge, JudgingMode, Rubric, Team
from cocreate.challenges.selectors import judging as selectors
from cocreate.challenges.services import judging as services
from cocreate.spaces.permissions import ensure_can

router = Router(tags=["judging"])


class EntryOut(Schema):
    id: int
    title: str
    description: str
    team: str | None = Field(description="the team's name; null on your own entry or in blind review")
    submitted_by: str | None = Field(description="who submitted it; null in blind review")
    repository_url: str
    demo_url: str
    submitted_at: datetime
    url: str

    @staticmethod
    def resolve_team(entry: Entry):
        return None if entry.hidden or entry.team is None else entry.team.name

    @staticmethod
    def resolve_submitted_by(entry: Entry):
        return None if entry.hidden or entry.submitted_by is None else str(entry.submitted_by)

    @staticmethod
    def resolve_url(entry: Entry, context):
        return context["request"].build_absolute_uri(entry.get_absolute_url())


class EntryIn(Schema):
    title: Text = Field(max_length=200)
    description: Text = Field("", max_length=10000)
    team: Id | None = Field(None, description="your team's id, to submit for your team")
    repository_url: Text = Field("", max_length=200)
    demo_url: Text = Field("", max_length=200)


class ResultOut(Schema):
    entry: int
    title: str
    rank: int
    score: float
    tied: bool = Field(description="another entry has the same rank")
    shortlisted: bool
    reason: str


class JudgingResultsOut(Schema):
    rubric: int
    title: str
    published_at: datetime
    note: str
    results: list[ResultOut]


class _Entries:
    """Hands out the entries with the space and whether who is behind them is hidden."""

    def __init__(self, entries, hidden):
        self.entries, self.hidden = entries, hidden

    def count(self):
        return len(self.entries)

    def __getitem__(self, window):
        page = self.entries[window]
        for entry in page:
            entry.hidden = self.hidden
        return page


class _Rows(list):
    """A list the paginator can count and slice."""

    def count(self, *args):
        return len(self)


@router.get("/spaces/{slug}/entries", response=list[EntryOut], auth=ANYONE, summary="Entries of a challenge")
@paginate(Pages)
def list_entries(request, slug: str):
    space = readable_space(request, slug)
    return _Entries(selectors.entry_list(space=space), selectors.identity_hidden(viewer=request.auth, space=space))


@router.post("/spaces/{slug}/entries", response={201: EntryOut}, auth=SIGNED_IN, summary="Submit an entry")
def submit_entry(request, slug: str, payload: EntryIn):
    space = readable_space(request, slug)
    team = None
    if payload.team is not None:
        team = Team.objects.filter(space=space, pk=payload.team).first()
        if team is None:
            raise ValidationError({"team": _("Choose one of the teams of this challenge.")})
    entry = services.entry_submit(
        person=request.auth,
        space=space,
        title=payload.title,
        description=payload.description,
        team=team,
        repository_url=payload.repository_url,
        demo_url=payload.demo_url,
    )
    entry.space, entry.hidden = space, False
    return Status(201, entry)


@router.get(
    "/spaces/{slug}/rubrics/{rubric_id}/results", response=JudgingResultsOut, auth=ANYONE, summary="Published results"
)
def get_results(request, slug: str, rubric_id: Id):
    space = readable_space(request, slug)
    rubric = Rubric.objects.filter(space=space, pk=rubric_id, published_at__isnull=False).first()
    if rubric is None:
        raise Http404
    rubric.space = space
    return {
        "rubric": rubric.pk,
        "title": rubric.title,
        "published_at": rubric.published_at,
        "note": rubric.results_note,
        "results": [
            {
                "entry": r.entry_id,
                "title": r.entry.title,
                "rank": r.rank,
                "score": r.score,
                "tied": r.tied,
                "shortlisted": r.shortlisted,
                "reason": r.reason,
            }
            for r in selectors.published_results(rubric=rubric)
        ],
    }


# --- Withdrawing an entry -------------------------------------------------------------------


@router.delete(
    "/spaces/{slug}/entries/{entry_id}",
    response={204: None},
    auth=SIGNED_IN,
    summary="Withdraw an entry (who submitted it, or its team); judges no longer judge it",
)
def withdraw_entry(request, slug: str, entry_id: Id):
    space = readable_space(request, slug)
    entry = selectors.entry_for_page(space=space, entry_id=entry_id)
    if entry.withdrawn_at:
        raise Http404
    services.entry_withdraw(person=request.auth, entry=entry)
    return Status(204, None)


# --- Rubrics and criteria (organisers) ------------------------------------------------------


class RubricOut(Schema):
    id: int
    title: str
    mode: JudgingMode
    blind: bool = Field(description="judges do not see who is behind the entries until the results are out")
    published_at: datetime | None = Field(description="when the results were published, if they were")


class LevelOut(Schema):
    score: int
    description: str


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: float
    levels: list[LevelOut] = Field(description="what each score on the rubric's scale means")

    @staticmethod
    def resolve_levels(criterion: Criterion):
        return sorted(criterion.levels.all(), key=lambda level: level.score)


class RubricDetailOut(RubricOut):
    guidance: str
    lowest_score: int
    highest_score: int
    normalise: bool
    min_scores_to_normalise: int
    trim: int
    shortlist_size: int
    results_note: str
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_criteria(rubric: Rubric):
        return list(rubric.criteria.all())


class RubricIn(Schema):
    title: Text = Field(max_length=200)
    guidance: Text = Field("", max_length=10000, description="what judges should know")
    mode: JudgingMode = Field(JudgingMode.SCORES, description="score each entry, or compare two at a time")
    blind: bool = Field(False, description="hide who is behind the entries from judges until the results are out")
    lowest_score: int = Field(1, ge=0, le=9)
    highest_score: int = Field(5, ge=1, le=10)
    normalise: bool = Field(True, description="even out judges who mark harder or softer than the others")
    min_scores_to_normalise: int = Field(5, ge=2, le=1000)
    trim: int = Field(0, ge=0, le=5, description="marks left out at each end for each entry")
    shortlist_size: int = Field(3, ge=0, le=1000)
    results_note: Text = Field("", max_length=10000, description="shown with the published results")


class RubricPatch(Schema):
    """Send only what changes. How judges judge and the scale are fixed once judging starts."""

    title: Text | None = Field(None, max_length=200)
    guidance: Text | None = Field(None, max_length=10000)
    mode: JudgingMode | None = None
    blind: bool | None = None
    lowest_score: int | None = Field(None, ge=0, le=9)
    highest_score: int | None = Field(None, ge=1, le=10)
    normalise: bool | None = None
    min_scores_to_normalise: int | None = Field(None, ge=2, le=1000)
    trim: int | None = Field(None, ge=0, le=5)
    shortlist_size: int | None = Field(None, ge=0, le=1000)
    results_note: Text | None = Field(None, max_length=10000)


class LevelIn(Schema):
    score: int = Field(ge=0, le=10)
    description: Text = Field(max_length=300, description="what this score means for the criterion")


class CriterionIn(Schema):
    name: Text = Field(max_length=120)
    description: Text = Field("", max_length=5000, description="what judges look for")
    weight: float = Field(1, gt=0, lt=10000)
    levels: list[LevelIn] = Field(max_length=11, description="one per score of the rubric's scale")


def _rubric(request, slug: str, rubric_id: int) -> Rubric:
    return selectors.rubric_for_page(space=readable_space(request, slug), rubric_id=rubric_id)


@router.get("/spaces/{slug}/rubrics", response=list[RubricOut], auth=ANYONE, summary="Rubrics of a challenge")
@paginate(Pages)
def list_rubrics(request, slug: str):
    return Rubric.objects.filter(space=readable_space(request, slug)).order_by("pk")


@router.post("/spaces/{slug}/rubrics", response={201: RubricDetailOut}, auth=SIGNED_IN, summary="Create a rubric")
def create_rubric(request, slug: str, payload: RubricIn):
    space = readable_space(request, slug)
    rubric = services.rubric_create(person=request.auth, space=space, **payload.dict())
    return Status(201, _rubric(request, slug, rubric.pk))


@router.get(
    "/spaces/{slug}/rubrics/{rubric_id}",
    response=RubricDetailOut,
    auth=SIGNED_IN,
    summary="A rubric with its criteria and levels (organisers and its judges)",
)
def get_rubric(request, slug: str, rubric_id: Id):
    rubric = _rubric(request, slug, rubric_id)
    if judge_standing(request.auth, rubric)[0] is None:
        ensure_can(request.auth, "manage_judging", rubric)
    return rubric


@router.patch("/spaces/{slug}/rubrics/{rubric_id}", response=RubricDetailOut, auth=SIGNED_IN, summary="Change a rubric")
def update_rubric(request, slug: str, rubric_id: Id, payload: RubricPatch):
    rubric = _rubric(request, slug, rubric_id)
    changes = {name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None}
    services.rubric_update(person=request.auth, rubric=rubric, **changes)
    return _rubric(request, slug, rubric_id)


@router.post(
    "/spaces/{slug}/rubrics/{rubric_id}/criteria",
    response={201: CriterionOut},
    auth=SIGNED_IN,
    summary="Add a criterion, with what each score means",
)
def add_criterion(request, slug: str, rubric_id: Id, payload: CriterionIn):
    rubric = _rubric(request, slug, rubric_id)
    criterion = services.criterion_add(
        person=request.auth,
        rubric=rubric,
        name=payload.name,
        description=payload.description,
        weight=payload.weight,
        levels={level.score: level.description for level in payload.levels},
    )
    return Status(201, Criterion.objects.prefetch_related("levels").get(pk=criterion.pk))


# --- Judges and their conflicts of interest -------------------------------------------------


class JudgeIn(Schema):
    email: Text = Field(max_length=254, description="e-mail address of the judge's account")


class JudgeOut(Schema):
    id: int
    name: str = Field(description="the judge's public name")
    assigned_at: datetime
    declared_at: datetime | None = Field(description="when they declared their conflicts of interest, if they did")
    conflicts: int = Field(description="how many entries they declared a conflict with")
    entries_scored: int

    @staticmethod
    def resolve_name(judge: Judge):
        return judge.person.public_name

    @staticmethod
    def resolve_conflicts(judge: Judge):
        return getattr(judge, "conflict_count", 0)

    @staticmethod
    def resolve_entries_scored(judge: Judge):
        return getattr(judge, "entries_scored", 0)


class ConflictIn(Schema):
    entry: Id
    reason: Text = Field(max_length=300, description="why, e.g. “I mentor this team”")


class ConflictsIn(Schema):
    conflicts: list[ConflictIn] = Field(
        default_factory=list, max_length=1000, description="the entries you may not judge fairly; none is an answer"
    )


class ConflictsOut(Schema):
    declared_at: datetime
    conflicts: list[ConflictIn]


@router.get(
    "/spaces/{slug}/rubrics/{rubric_id}/judges",
    response=list[JudgeOut],
    auth=SIGNED_IN,
    summary="Judges of a rubric and their progress (organisers)",
)
@paginate(Pages)
def list_judges(request, slug: str, rubric_id: Id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.auth, "manage_judging", rubric)
    return _Rows(selectors.judge_list(rubric=rubric))


@router.post(
    "/spaces/{slug}/rubrics/{rubric_id}/judges",
    response={201: JudgeOut},
    auth=SIGNED_IN,
    summary="Assign a judge by e-mail address (organisers)",
)
def assign_judge(request, slug: str, rubric_id: Id, payload: JudgeIn):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.auth, "manage_judging", rubric)
    person = Person.objects.filter(email__iexact=payload.email.strip(), is_active=True).first()
    if person is None:
        raise ValidationError({"email": _("No one has an account with this email address. Ask them to sign up first.")})
    judge = services.judge_assign(person=request.auth, rubric=rubric, judge_person=person)
    return Status(201, judge)


@router.put(
    "/spaces/{slug}/rubrics/{rubric_id}/conflicts",
    response=ConflictsOut,
    auth=SIGNED_IN,
    summary="Declare your conflicts of interest as a judge (replaces your earlier declaration)",
)
def declare_conflicts(request, slug: str, rubric_id: Id, payload: ConflictsIn):
    rubric = _rubric(request, slug, rubric_id)
    conflicts = {row.entry: row.reason for row in payload.conflicts}
    judge = services.conflicts_declare(person=request.auth, rubric=rubric, conflicts=conflicts)
    return {
        "declared_at": judge.declared_at,
        "conflicts": [{"entry": c.entry_id, "reason": c.reason} for c in judge.conflicts.order_by("entry_id")],
    }


# --- Scores and comparisons (judges) --------------------------------------------------------


class MarkIn(Schema):
    criterion: Id
    score: int = Field(ge=0, le=10)
    comment: Text = Field("", max_length=2000)


class ScoreSheetIn(Schema):
    scores: list[MarkIn] = Field(max_length=100, description="a score for every criterion of the rubric")


class MarkOut(Schema):
    criterion: int
    score: int
    comment: str

    @staticmethod
    def resolve_criterion(score):
        return score.criterion_id

    @staticmethod
    def resolve_score(score):
        return score.value


class PairOut(Schema):
    first: EntryOut | None = Field(description="null when you have compared every pair")
    second: EntryOut | None
    done: int = Field(description="pairs you have compared")
    possible: int = Field(description="pairs you may compare")


class ComparisonIn(Schema):
    first: Id
    second: Id
    better: Literal["first", "second", "same"] = Field(description="which entry is better, or about the same")


class ComparisonOut(Schema):
    first: int
    second: int
    winner: int | None = Field(description="the better entry's id; null when about the same")
    compared_at: datetime

    @staticmethod
    def resolve_first(comparison):
        return comparison.first_id

    @staticmethod
    def resolve_second(comparison):
        return comparison.second_id

    @staticmethod
    def resolve_winner(comparison):
        return comparison.winner_id


@router.put(
    "/spaces/{slug}/rubrics/{rubric_id}/entries/{entry_id}/scores",
    response=list[MarkOut],
    auth=SIGNED_IN,
    summary="Record your scores for an entry (sending them again replaces them)",
)
def record_scores(request, slug: str, rubric_id: Id, entry_id: Id, payload: ScoreSheetIn):
    rubric = _rubric(request, slug, rubric_id)
    entry = selectors.entry_for_page(space=rubric.space, entry_id=entry_id)
    scores = services.score_record(
        person=request.auth,
        rubric=rubric,
        entry=entry,
        values={mark.criterion: mark.score for mark in payload.scores},
        comments={mark.criterion: mark.comment for mark in payload.scores},
    )
    return scores


@router.get(
    "/spaces/{slug}/rubrics/{rubric_id}/next-pair",
    response=PairOut,
    auth=SIGNED_IN,
    summary="The next two entries for you to compare (judges of a pairwise rubric)",
)
def next_pair(request, slug: str, rubric_id: Id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.auth, "judge", rubric)
    if rubric.mode != JudgingMode.PAIRWISE:
        raise ValidationError(_("In this rubric judges score each entry instead of comparing them."))
    progress = selectors.pair_next(rubric=rubric, person=request.auth)
    hidden = selectors.identity_hidden(viewer=request.auth, space=rubric.space)
    first, second = progress.pair or (None, None)
    for entry in (first, second):
        if entry is not None:
            entry.hidden = hidden
    return {"first": first, "second": second, "done": progress.done, "possible": progress.possible}


@router.post(
    "/spaces/{slug}/rubrics/{rubric_id}/comparisons",
    response={201: ComparisonOut},
    auth=SIGNED_IN,
    summary="Say which of two entries is better (judges of a pairwise rubric)",
)
def record_comparison(request, slug: str, rubric_id: Id, payload: ComparisonIn):
    rubric = _rubric(request, slug, rubric_id)
    found = {e.pk: e for e in selectors.entry_list(space=rubric.space) if e.pk in (payload.first, payload.second)}
    for field in ("first", "second"):
        if getattr(payload, field) not in found:
            raise ValidationError({field: _("This entry is not in the challenge any more. Compare the next pair.")})
    comparison = services.comparison_record(
        person=request.auth,
        rubric=rubric,
        first=found[payload.first],
        second=found[payload.second],
        better=payload.better,
    )
    return Status(201, comparison)


# --- Preview and publication (organisers) ---------------------------------------------------


class PreviewMarkOut(Schema):
    judge: str = Field(description="the judge's public name")
    raw: float | None
    normalised: float | None = Field(description="evened out against how hard or soft the judge marks")
    counted: bool = Field(description="false when left out by trimming")


class PreviewRowOut(Schema):
    entry: int
    title: str
    team: str | None
    rank: int | None = Field(description="null when not judged yet")
    score: float | None
    tied_with: list[int] = Field(description="ids of the entries with the same rank")
    shortlisted: bool
    explanation: str = Field(description="the reason computed; published unless you give your own")
    marks: list[PreviewMarkOut]


class PreviewOut(Schema):
    rubric: int
    title: str
    rows: list[PreviewRowOut]


class ReasonIn(Schema):
    entry: Id
    reason: Text = Field(max_length=2000, description="the public reason for this entry's place")


class PublishIn(Schema):
    reasons: list[ReasonIn] = Field(
        default_factory=list, max_length=1000, description="your own words; the computed explanation otherwise"
    )
    note: Text | None = Field(None, max_length=10000, description="shown above the results")


def _number(value) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 4)


@router.get(
    "/spaces/{slug}/rubrics/{rubric_id}/preview",
    response=PreviewOut,
    auth=SIGNED_IN,
    summary="The ranking as it stands, before publishing (organisers)",
)
def preview_results(request, slug: str, rubric_id: Id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.auth, "manage_judging", rubric)
    results = selectors.results_compute(rubric=rubric)
    teams = dict(
        Entry.objects.filter(pk__in=[row.entry.pk for row in results.rows], team__isnull=False).values_list(
            "pk", "team__name"
        )
    )
    return {
        "rubric": rubric.pk,
        "title": rubric.title,
        "rows": [
            {
                "entry": row.entry.pk,
                "title": row.entry.title,
                "team": teams.get(row.entry.pk),
                "rank": row.rank,
                "score": _number(row.score),
                "tied_with": [other.pk for other in row.tied_with],
                "shortlisted": row.shortlisted,
                "explanation": row.explanation,
                "marks": [
                    {
                        "judge": mark.judge.person.public_name,
                        "raw": _number(mark.raw),
                        "normalised": _number(mark.normalised),
                        "counted": mark.counted,
                    }
                    for mark in row.marks
                ],
            }
            for row in results.rows
        ],
    }


@router.post(
    "/spaces/{slug}/rubrics/{rubric_id}/results",
    response={201: JudgingResultsOut},
    auth=SIGNED_IN,
    summary="Publish the results with their reasons (organisers); entrants are told",
)
def publish_results(request, slug: str, rubric_id: Id, payload: PublishIn):
    rubric = _rubric(request, slug, rubric_id)
    services.results_publish(
        person=request.auth,
        rubric=rubric,
        reasons={row.entry: row.reason for row in payload.reasons},
        note=payload.note,
    )
    return Status(201, get_results(request, slug, rubric_id))
