"""Shared set-up for the listening tests: a dialogue space run by an organisation, its staff,
and small signal files written on the fly."""

import json
from datetime import date, timedelta

from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, SpaceFactory


def listening_space(**fields):
    organisation = OrganisationFactory()
    staff = PersonFactory()
    MembershipFactory(person=staff, organisation=organisation, role="staff")
    space = SpaceFactory(organisations=[organisation], kind="dialogue", **fields)
    return space, staff, organisation


def burst_signals(
    *, category="Snow", start=date(2024, 1, 1), days=60, burst_day=45, burst=12, usual_every=5, area="Canton"
):
    """JSON signals: one `category` signal every `usual_every` days, a quiet "Potholes" one every
    other day (neither with an area), and `burst` extra signals of `category` on `burst_day`, all
    in `area` (so the burst is found over the whole space and in that area; none has an area when
    `area` is empty)."""
    items = []
    for d in range(days):
        day = start + timedelta(days=d)
        if d % usual_every == 0:
            items.append({"id": f"u{d}", "time": f"{day}T10:00:00Z", "category": category, "text": "usual"})
        if d % 2 == 0:
            items.append({"id": f"p{d}", "time": f"{day}T11:00:00Z", "category": "Potholes", "text": "pothole"})
    day = start + timedelta(days=burst_day)
    for i in range(burst):
        items.append(
            {
                "id": f"b{i}",
                "time": f"{day}T{8 + i % 10:02d}:00:00Z",
                "category": category,
                "text": f"Street {i} not cleared",
                "place": f"{i} Main St",
                "area": area,
                "lat": 39.28 + i / 1000,
                "lon": -76.58 - i / 1000,
            }
        )
    return items


def area_burst_signals(
    *, category="Dirty alleys", start=date(2024, 1, 1), days=60, burst_day=45, burst=5, area="Canton", prefix=""
):
    """JSON signals where only one area bursts: every day one `category` signal in each of ten
    other areas (ten a day over the whole space), none in `area` until `burst_day`, when `area`
    sends `burst`. Fifteen instead of the usual ten is no burst over the whole space; five where
    none is usual is one in `area`. `prefix` keeps the ids of a second set apart."""
    items = []
    for d in range(days):
        day = start + timedelta(days=d)
        for n in range(10):
            items.append(
                {
                    "id": f"{prefix}a{d}-{n}",
                    "time": f"{day}T{8 + n:02d}:00:00Z",
                    "category": category,
                    "area": f"Ward {n + 1}",
                    "text": "alley not swept",
                }
            )
    day = start + timedelta(days=burst_day)
    for i in range(burst):
        items.append(
            {
                "id": f"{prefix}c{i}",
                "time": f"{day}T{8 + i:02d}:30:00Z",
                "category": category,
                "area": area,
                "place": f"{i} Boston St",
                "text": f"Alley behind {i} Boston St full of rubbish",
            }
        )
    return items


def write_json(tmp_path, items, name="signals.json"):
    path = tmp_path / name
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def space_with_issue(tmp_path, **fields):
    """A dialogue space whose signals hold one emerging issue over the whole space ("Snow", 15 Feb
    2024), returned, and the same burst in the area it came from ("Snow — Canton")."""
    from cocreate.dialogue.models import EmergingIssue
    from cocreate.dialogue.services import listening as services

    space, staff, organisation = listening_space(**fields)
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    services.emerging_issues_recompute(space=space)
    return space, staff, organisation, EmergingIssue.objects.get(space=space, area="")
