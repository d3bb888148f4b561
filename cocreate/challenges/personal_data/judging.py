"""What judging holds about a person: the entries they submitted, and, as a judge, their own
conflict declarations, scores and comparisons; for the data download and account deletion."""

from django.db.models import F

from cocreate.accounts.personal_data import eraser, exporter, on_name_change
from cocreate.challenges.models import Comparison, Conflict, Entry, Score
from cocreate.spaces.models import Space


@exporter("entries submitted for judging")
def export_entries(person) -> list[dict]:
    return [
        {
            "space": e.space.title,
            "title": e.title,
            "description": e.description,
            "team": e.team.name if e.team_id else "",
            "repository_url": e.repository_url,
            "demo_url": e.demo_url,
            "submitted_at": e.submitted_at.isoformat(),
            "withdrawn_at": e.withdrawn_at.isoformat() if e.withdrawn_at else None,
        }
        for e in Entry.objects.filter(submitted_by=person).select_related("space", "team").order_by("submitted_at")
    ]


@exporter("scores given as a judge")
def export_scores(person) -> list[dict]:
    # Only the person's own marks: other judges' marks are theirs.
    return [
        {
            "space": s.judge.rubric.space.title,
            "rubric": s.judge.rubric.title,
            "entry": s.entry.title,
            "criterion": s.criterion.name,
            "score": s.value,
            "comment": s.comment,
            "at": s.updated_at.isoformat(),
        }
        for s in Score.objects.filter(judge__person=person)
        .select_related("judge__rubric__space", "entry", "criterion")
        .order_by("judge_id", "entry_id", "criterion__position")
    ]


@exporter("comparisons made as a judge")
def export_comparisons(person) -> list[dict]:
    return [
        {
            "rubric": c.judge.rubric.title,
            "first": c.first.title,
            "second": c.second.title,
            "better": "about the same" if c.winner_id is None else c.winner.title,
            "at": c.compared_at.isoformat(),
        }
        for c in Comparison.objects.filter(judge__person=person)
        .select_related("judge__rubric", "first", "second", "winner")
        .order_by("compared_at", "pk")
    ]


@exporter("conflicts of interest declared")
def export_conflicts(person) -> list[dict]:
    return [
        {"rubric": c.judge.rubric.title, "entry": c.entry.title, "why": c.reason, "at": c.declared_at.isoformat()}
        for c in Conflict.objects.filter(judge__person=person).select_related("judge__rubric", "entry")
    ]


@eraser
def erase(person) -> None:
    # The marks stay counted and the conflicts stay in force; why the person declared one
    # (often about their family or work) goes.
    Conflict.objects.filter(judge__person=person).update(reason="")
    Score.objects.filter(judge__person=person).update(comment="")


@on_name_change
def refresh_pages(person) -> None:
    spaces = set(Entry.objects.filter(submitted_by=person).values_list("space_id", flat=True))
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
