"""Load the demo spaces from `cocreate.demo.content`, through the same services people use,
so that counters, follows, notifications and permissions are exactly what real use produces."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cocreate.accounts.models import FieldOfExpertise, Membership, Organisation, Person, Skill
from cocreate.accounts.services import _names, _tags
from cocreate.demo import budgets as budget_demo
from cocreate.demo import challenges as challenge_demo
from cocreate.demo import content
from cocreate.demo import dialogue_listening as dialogue_listening_demo
from cocreate.demo import dialogue_questions as dialogue_questions_demo
from cocreate.demo import opinions as opinions_demo
from cocreate.ideas import services as ideas
from cocreate.ideas.models import Comment, Idea, IdeaStatusChange, Support, Theme
from cocreate.spaces import services as spaces
from cocreate.spaces.models import Origin, Space

DEMO_DOMAIN = "@demo.cocreate.test"


def is_loaded() -> bool:
    return Person.objects.filter(email__endswith=DEMO_DOMAIN).exists()


def logins() -> list[tuple[str, str, str]]:
    """(e-mail, password, who) for the accounts worth trying."""
    return [(p["email"], content.PASSWORD, p["login_note"]) for p in content.PEOPLE if p.get("login_note")]


def _people() -> dict[str, Person]:
    organisations = {}
    for org in content.ORGANISATIONS:
        organisations[org["key"]], _created = Organisation.objects.get_or_create(
            name=org["name"],
            defaults={
                "kind": org["kind"],
                "description": org.get("description", ""),
                "website": org.get("website", ""),
            },
        )
    people = {}
    # One hash for the shared password: hashing it once per account (a second each with the
    # default hasher) was most of the time the demo took to load.
    password = make_password(content.PASSWORD)
    for p in content.PEOPLE:
        person = Person.objects.create_user(
            p["email"],
            None,
            display_name=p["name"],
            is_superuser=p.get("superuser", False),
            is_staff=p.get("superuser", False),
            bio=p.get("bio", ""),
            languages=p.get("languages", []),
            motivations=p.get("motivations", []),
            preferred_language=p.get("preferred_language", ""),
        )
        EmailAddress.objects.create(user=person, email=p["email"], verified=True, primary=True)
        person.skills.set(_tags(Skill, _names(p.get("skills", []))))
        person.expertise.set(_tags(FieldOfExpertise, _names(p.get("expertise", []))))
        for org_key, role in p.get("role_in", []):
            Membership.objects.create(person=person, organisation=organisations[org_key], role=role)
        people[p["key"]] = person
    Person.objects.filter(pk__in=[person.pk for person in people.values()]).update(password=password)
    for p in content.OFFLINE_PEOPLE:
        people[p["key"]] = p["name"]  # offline people are created when staff enter their idea
    return people, organisations


def _organiser(spec: dict, people: dict) -> Person:
    """The first staff member or administrator of the space's lead organisation."""
    lead = next(
        p
        for p in content.PEOPLE
        if any(k == spec["organisations"][0] and r in ("staff", "admin") for k, r in p.get("role_in", []))
    )
    return people[lead["key"]]


def _space(spec: dict, people: dict, organisations: dict) -> Space:
    organiser = _organiser(spec, people)
    space = spaces.space_create(
        person=organiser,
        organisations=[organisations[k] for k in spec["organisations"]],
        title=spec["title"],
        kind=spec["kind"],
        summary=spec["summary"],
        question=spec.get("question", ""),
        description=spec.get("description", ""),
        target_community=spec.get("target_community", ""),
        content_language=spec.get("content_language", "en"),
    )
    for name in spec.get("themes", []):
        Theme.objects.create(space=space, name=name)
    now = timezone.now()
    for phase in spec["phases"]:
        spaces.phase_create(
            person=organiser,
            space=space,
            title=phase["title"],
            description=phase.get("description", ""),
            starts_at=now + timedelta(days=phase["start"]),
            ends_at=now + timedelta(days=phase["end"]),
            activities=phase["activities"],
        )
    return space


def _backdate(idea: Idea, days_ago: int) -> None:
    when = timezone.now() - timedelta(days=days_ago, hours=(idea.pk * 7) % 11)
    Idea.objects.filter(pk=idea.pk).update(created_at=when)
    IdeaStatusChange.objects.filter(idea=idea).update(changed_at=when)
    idea.created_at = when


def _comments(idea: Idea, threads: list, people: dict, parent=None, reported: list | None = None) -> None:
    for thread in threads:
        comment = ideas.comment_create(person=people[thread["author"]], idea=idea, body=thread["body"], parent=parent)
        for report in thread.get("reports", []):
            reported.append((report, comment))
        _comments(idea, thread.get("replies", []), people, parent=comment, reported=reported)


def _ideas(spec: dict, space: Space, people: dict) -> dict[str, Idea]:
    themes = {t.name: t for t in Theme.objects.filter(space=space)}
    created, reported = {}, []
    for item in sorted(spec["ideas"], key=lambda i: -i["days_ago"]):
        common = {
            "space": space,
            "title": item["title"],
            "body": item["body"],
            "themes": [themes[name] for name in item.get("themes", [])],
            "place_name": item.get("place_name", ""),
        }
        if item.get("origin", "online") == Origin.ONLINE:
            idea = ideas.idea_submit(
                person=people[item["author"]],
                co_author_emails=[people[k].email for k in item.get("co_authors", [])],
                **common,
            )
        else:
            idea = ideas.idea_submit(
                person=people[item["entered_by"]],
                origin=item["origin"],
                event_name=item.get("event_name", ""),
                offline_author_name=people[item["author"]],
                **common,
            )
        _backdate(idea, item["days_ago"])
        created[item["key"]] = idea
        for key in item.get("supporters", []):
            ideas.idea_support(person=people[key], idea=idea)
        _comments(idea, item.get("comments", []), people, reported=reported)
        for report in item.get("reports", []):
            reported.append((report, idea))
    # Spread supports and comments over the days since each idea was posted.
    for idea in created.values():
        age = max(1, (timezone.now() - idea.created_at).days)
        for n, support in enumerate(Support.objects.filter(idea=idea).order_by("pk")):
            Support.objects.filter(pk=support.pk).update(
                created_at=idea.created_at + timedelta(hours=5 + (n * 13) % (age * 24))
            )
        for n, comment in enumerate(Comment.objects.filter(idea=idea).order_by("pk")):
            Comment.objects.filter(pk=comment.pk).update(
                created_at=idea.created_at + timedelta(hours=2 + n * (age * 20 // 8 + 1))
            )
    for item in spec["ideas"]:
        if item.get("answer"):
            answer = item["answer"]
            ideas.idea_answer(
                person=people[answer["by"]], idea=created[item["key"]], status=answer["status"], body=answer["body"]
            )
    for item in spec["ideas"]:
        if item.get("merge_into"):
            ideas.ideas_merge(
                person=_organiser(spec, people), target=created[item["merge_into"]], sources=[created[item["key"]]]
            )
    for report, target in reported:
        target.space = space
        spaces.contribution_report(
            person=people[report["by"]], content=target, reason=report["reason"], details=report.get("details", "")
        )
    return created


@transaction.atomic
def load() -> None:
    people, organisations = _people()
    spaces_by_key, ideas_by_key = {}, {}
    for spec in content.SPACES:
        space = _space(spec, people, organisations)
        # The ideas were shared while the ideas phase was open (it may be over by now).
        with challenge_demo.phases_open(space, "submit_idea", "support", "comment") as space:
            ideas_by_key.update(_ideas(spec, space, people))
        spaces_by_key[spec["key"]] = Space.objects.get(pk=space.pk)
    challenge_demo.load(people, organisations, spaces_by_key, ideas_by_key)
    dialogue_questions_demo.load(people, organisations, spaces_by_key)
    dialogue_listening_demo.load(people, organisations, spaces_by_key)
    opinions_demo.load(people, organisations, spaces_by_key)
    budget_demo.load(people, organisations)
