"""What the opinion maps hold about a person, for the data download and account deletion."""

from cocreate.accounts.personal_data import eraser, exporter
from cocreate.opinions.models import OpinionMap, Statement, StatementVote


@exporter("statements")
def export_statements(person) -> list[dict]:
    return [
        {
            "id": s.pk,
            "space": s.space.title,
            "text": s.text,
            "moderation": s.moderation,
            "created": s.created_at.isoformat(),
        }
        for s in Statement.objects.filter(author=person).select_related("space").order_by("created_at", "pk")
    ]


@exporter("statement_votes")
def export_statement_votes(person) -> list[dict]:
    return [
        {
            "statement": v.statement_id,
            "statement_text": v.statement.text,
            "space": v.space.title,
            "vote": v.get_choice_display(),
            "voted": v.voted_at.isoformat(),
        }
        for v in StatementVote.objects.filter(person=person)
        .select_related("statement", "space")
        .order_by("voted_at", "pk")
    ]


@eraser
def erase(person) -> None:
    # Statements stay (shown as from a deleted account) and so do the votes: others voted on
    # those statements and the groups of the map are drawn from everyone's votes. The person's
    # own point on the maps is forgotten: nobody else is ever shown it.
    key = str(person.pk)
    for opinion_map in OpinionMap.objects.filter(space__statement_votes__person=person).distinct():
        if key in opinion_map.positions:
            del opinion_map.positions[key]
            opinion_map.save(update_fields=["positions"])
