"""What the budgets app holds about a person, for the data download and account deletion.
Ballots are not in the download: nothing links a ballot to its voter but a keyed hash."""

from django.db.models import F

from cocreate.accounts.personal_data import eraser, exporter, on_name_change
from cocreate.budgets.ballots import change_key
from cocreate.budgets.models import Ballot, ChangeSuggestion, Project, ProjectFollow, VoterRecord
from cocreate.spaces.models import Space


@exporter("budget projects")
def export_projects(person) -> list[dict]:
    return [
        {
            "space": p.space.title,
            "budget": p.budget.title,
            "title": p.title,
            "description": p.description,
            "cost": str(p.cost),
            "status": p.status,
            "created_at": p.created_at.isoformat(),
        }
        for p in Project.objects.filter(proposed_by=person).select_related("space", "budget")
    ]


@exporter("suggested changes")
def export_suggestions(person) -> list[dict]:
    return [
        {"project": s.project.title, "suggestion": s.body, "status": s.status, "created_at": s.created_at.isoformat()}
        for s in ChangeSuggestion.objects.filter(author=person).select_related("project")
    ]


@exporter("votes cast")
def export_votes(person) -> list[dict]:
    # That the person voted, and how; what they chose is secret, also from this download.
    return [
        {"space": r.budget.space.title, "budget": r.budget.title, "channel": r.channel, "at": r.created_at.isoformat()}
        for r in VoterRecord.objects.filter(person=person).select_related("budget__space")
    ]


@eraser
def erase(person) -> None:
    # The ballots stay counted, but nothing can lead back to them any more.
    for budget_id in VoterRecord.objects.filter(person=person).values_list("budget_id", flat=True):
        Ballot.objects.filter(budget_id=budget_id, change_key=change_key(budget_id, person.pk)).update(change_key=None)
    ProjectFollow.objects.filter(person=person).delete()


@on_name_change
def refresh_pages(person) -> None:
    spaces = set(Project.objects.filter(proposed_by=person).values_list("space_id", flat=True)) | set(
        ChangeSuggestion.objects.filter(author=person).values_list("space_id", flat=True)
    )
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
