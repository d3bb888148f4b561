"""The API for judging: a challenge's entries, submitting one, and the published results.
Blind review holds here too: a judge of a blind rubric still being judged gets entries without
their team or submitter."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import Entry, Rubric, Team
from cocreate.challenges.selectors import judging as selectors
from cocreate.challenges.services import judging as services

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


class ResultsOut(Schema):
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


@router.get("/spaces/{slug}/rubrics/{rubric_id}/results", response=ResultsOut, auth=ANYONE, summary="Published results")
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
