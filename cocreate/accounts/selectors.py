"""Reads about people and organisations."""

from django.db.models import Prefetch, QuerySet

from cocreate.accounts import personal_data
from cocreate.accounts.models import Membership, Organisation, Person


def person_data_export(*, person: Person) -> dict:
    """Everything the platform holds about `person`, as plain JSON-ready data."""
    data = {
        "profile": {
            "email": person.email,
            "display_name": person.display_name,
            "bio": person.bio,
            "languages": person.languages,
            "motivations": person.motivations,
            "skills": [s.name for s in person.skills.all()],
            "fields_of_expertise": [f.name for f in person.expertise.all()],
            "preferred_language": person.preferred_language,
            "email_frequency": person.email_frequency,
            "joined": person.date_joined.isoformat(),
            "last_sign_in": person.last_login.isoformat() if person.last_login else None,
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in person.memberships.select_related("organisation")
        ],
        "api_tokens": [
            {"name": t.name, "prefix": t.prefix, "created": t.created_at.isoformat()} for t in person.api_tokens.all()
        ],
    }
    for section, export in sorted(personal_data.export_sections().items()):
        data[section] = export(person)
    return data


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.all().order_by("name")


def organisation_detail(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("person").order_by("role", "person__display_name"),
            ),
            "spaces",
        )
        .filter(slug=slug)
        .first()
    )


def memberships_of(*, person: Person) -> QuerySet[Membership]:
    return Membership.objects.filter(person=person).select_related("organisation").order_by("organisation__name")
