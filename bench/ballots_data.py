"""The ballot benchmark's data set, built through the services (a budget space with the vote
open, 10 projects, a residents list, voters with sessions, voting codes). Run by bench/ballots.py
in a process configured for the benchmark's database:

    python bench/ballots_data.py VOTERS

Prints one JSON object: sessions, references and codes for the load generator.
"""

import json
import sys
from datetime import timedelta
from importlib import import_module

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from cocreate.accounts.models import Membership, Organisation, Person  # noqa: E402
from cocreate.budgets import services  # noqa: E402
from cocreate.spaces import services as spaces  # noqa: E402
from cocreate.spaces.models import Resident, Space  # noqa: E402

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


def session_for(person) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = "cocreate.accounts.backends.SignInBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.create()
    return store.session_key


def main(voters: int) -> None:
    translation.activate("en")
    now = timezone.now()
    with transaction.atomic():
        council = Organisation.objects.create(name="Bench City Council", kind="public_agency")
        staff = Person.objects.create_user("staff@bench.test", None, display_name="Staff")
        Membership.objects.create(person=staff, organisation=council, role="staff")
        space = spaces.space_create(
            person=staff, organisations=[council], title="Bench budget", kind="budget", summary="Ballot benchmark."
        )
        spaces.phase_create(
            person=staff,
            space=space,
            title="Vote",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(days=1),
            activities=["propose_project", "vote"],
        )
        space = Space.objects.get(pk=space.pk)
        budget = services.budget_create(person=staff, space=space, title="City", amount=1_000_000, max_projects=3)
        projects = []
        for n in range(10):
            project = services.project_propose(
                person=staff,
                budget=budget,
                title=f"Project number {n + 1}",
                description="A project for the benchmark, described in enough words.",
                cost=50_000 + 10_000 * n,
            )
            projects.append(services.project_review(person=staff, project=project, feasible=True).pk)
        half = voters // 2
        people = Person.objects.bulk_create(
            [Person(email=f"voter{n}@bench.test", display_name=f"Voter {n}", password="!") for n in range(half)]
        )
        people = list(Person.objects.filter(email__endswith="@bench.test").exclude(pk=staff.pk).order_by("pk"))
        # Residents with a voting code first (codes go to every resident without one), then the
        # residents who vote online with their own account.
        Resident.objects.bulk_create([Resident(space=space, reference=f"R{n:06d}") for n in range(half, voters)])
        codes = [code for _resident, code in services.voting_codes_issue(person=staff, budget=budget)]
        Resident.objects.bulk_create(
            [Resident(space=space, reference=f"R{n:06d}", person=people[n], verified_at=now) for n in range(half)],
            batch_size=5000,
        )
    online = [{"reference": f"R{n:06d}", "session": session_for(person)} for n, person in enumerate(people)]
    kwargs = {"slug": space.slug, "budget_id": budget.pk}
    print(
        json.dumps(
            {
                "vote_path": reverse("budgets:vote", kwargs=kwargs),
                "enter_path": reverse("budgets:enter", kwargs=kwargs),
                "projects": projects,
                "online": online,
                "codes": codes,
                "staff_session": session_for(staff),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
