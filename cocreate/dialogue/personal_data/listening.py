"""What listening holds about a person, for the data download. Signals come from other systems
(service requests, petitions, feeds) and are not linked to anyone's account; what is linked is
the work of staff: the sources they added and the decisions they took on emerging issues. On
deletion these stay (they are the space's records), shown as "Deleted account"."""

from cocreate.accounts.personal_data import exporter
from cocreate.dialogue.models import EmergingIssue, ListeningSource


@exporter("listening sources added")
def export_sources(person) -> list[dict]:
    return [
        {"space": s.space.title, "source": s.name, "kind": s.kind, "added_at": s.created_at.isoformat()}
        for s in ListeningSource.objects.filter(created_by=person).select_related("space")
    ]


@exporter("decisions on emerging issues")
def export_decisions(person) -> list[dict]:
    return [
        {
            "space": i.space.title,
            "issue": i.title,
            "decision": i.status,
            "decided_at": i.decided_at.isoformat() if i.decided_at else None,
        }
        for i in EmergingIssue.objects.filter(decided_by=person).select_related("space")
    ]
