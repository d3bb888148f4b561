"""Every write about ideas. Each function checks the actor's permission with `ensure_can`,
validates (raising ValidationError with a message per field), runs in one transaction, keeps
the stored counters and cache versions right, and tells followers after commit."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person, PersonKind
from cocreate.algorithms.text import clean_text
from cocreate.ideas.models import (
    ANSWER_STATUSES,
    OPEN_STATUSES,
    Comment,
    Follow,
    Idea,
    IdeaAuthor,
    IdeaStatus,
    IdeaStatusChange,
    NotDuplicatesDecision,
    OfficialAnswer,
    Support,
    Theme,
)
from cocreate.ideas.similarity import ideas_changed
from cocreate.notifications.models import NotificationKind
from cocreate.notifications.tasks import notify
from cocreate.spaces.models import Origin, Space
from cocreate.spaces.permissions import ensure_can
from cocreate.spaces.services import log_action
from cocreate.web import plain_rows
from cocreate.web.text_fields import text_within

TITLE_MIN, TITLE_MAX = 5, 150
BODY_MIN, BODY_MAX = 15, 10000
COMMENT_MAX = 5000
# Replies nest this deep at most; deeper replies attach to the last level.
COMMENT_MAX_DEPTH = 3


def _changed(idea: Idea) -> None:
    """Everything shown about `idea` (its page, its space's lists) must be rendered again."""
    Idea.objects.filter(pk=idea.pk).update(version=F("version") + 1)
    Space.objects.filter(pk=idea.space_id).update(version=F("version") + 1)


def _tell_after_commit(kind: str, idea: Idea, actor: Person | None = None, **extra) -> None:
    arguments = {"kind": kind, "idea_id": idea.pk, "actor_id": actor.pk if actor else None, **extra}
    transaction.on_commit(lambda: notify.enqueue(**arguments))


def clean_title_and_body(title: str, body: str, *, body_too_short: str) -> tuple[str, str]:
    """An idea's (or a text like it, e.g. a condensed proposal's) title and description, cleaned;
    refused with a message per field when too short or too long. `body_too_short` says what
    the description describes ("Describe your idea in at least 15 characters.")."""
    errors: dict = {}
    title = text_within(
        title,
        field="title",
        errors=errors,
        minimum=TITLE_MIN,
        maximum=TITLE_MAX,
        too_short=_("Write a title of at least %(n)s characters.") % {"n": TITLE_MIN},
        too_long=_("Keep the title under %(n)s characters.") % {"n": TITLE_MAX},
    )
    body = text_within(
        body,
        field="body",
        errors=errors,
        minimum=BODY_MIN,
        maximum=BODY_MAX,
        too_short=body_too_short,
        too_long=_("Keep the description under %(n)s characters.") % {"n": BODY_MAX},
    )
    if errors:
        raise ValidationError(errors)
    return title, body


def _clean_idea_text(title: str, body: str) -> tuple[str, str]:
    return clean_title_and_body(
        title, body, body_too_short=_("Describe your idea in at least %(n)s characters.") % {"n": BODY_MIN}
    )


def _clean_themes(space: Space, themes) -> list[Theme]:
    themes = list(themes or [])
    try:
        ids = {t.pk if isinstance(t, Theme) else int(t) for t in themes}
    except (TypeError, ValueError):
        ids = {0}
    if any(not 0 < pk < 2**62 for pk in ids):
        raise ValidationError({"themes": _("Choose themes from the list of this space.")})
    found = list(Theme.objects.filter(space=space, pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({"themes": _("Choose themes from the list of this space.")})
    return found


def _clean_place(place_name: str, latitude, longitude) -> dict:
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    if latitude is not None and not (-90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180):
        raise ValidationError({"latitude": _("These coordinates are not on Earth.")})
    return {"place_name": (place_name or "").strip()[:200], "latitude": latitude, "longitude": longitude}


def _co_authors(emails, lead: Person) -> list[Person]:
    wanted = {e.strip().lower() for e in emails or [] if e and e.strip()}
    found = {p.email: p for p in Person.objects.filter(email__in=wanted, is_active=True, deleted_at__isnull=True)}
    missing = sorted(wanted - set(found))
    if missing:
        raise ValidationError(
            {
                "co_authors": _(
                    "No one has an account with %(emails)s. Co-authors need an account; ask them to sign up first."
                )
                % {"emails": ", ".join(missing)}
            }
        )
    return [p for p in found.values() if p.pk != lead.pk]


@transaction.atomic
def idea_submit(
    *,
    person: Person,
    space: Space,
    title: str,
    body: str,
    themes=(),
    place_name: str = "",
    latitude=None,
    longitude=None,
    co_author_emails=(),
    origin: str = Origin.ONLINE,
    event_name: str = "",
    offline_author_name: str = "",
) -> Idea:
    """Submit an idea. With `origin` "event" or "on_behalf", a staff member enters an idea for
    someone who took part offline: `offline_author_name` becomes its author, and the staff
    member is recorded as having entered it."""
    if origin not in Origin.values:
        raise ValidationError({"origin": _("Choose where this idea came from.")})
    if origin == Origin.ONLINE:
        ensure_can(person, "submit_idea", space)
    else:
        ensure_can(person, "submit_idea_for_someone", space)
        if not offline_author_name.strip():
            raise ValidationError(
                {
                    "offline_author_name": _(
                        "Enter the name of the person whose idea this is, or “Anonymous” if they did not give one."
                    )
                }
            )
    title, body = _clean_idea_text(title, body)
    theme_list = _clean_themes(space, themes)
    place = _clean_place(place_name, latitude, longitude)

    if origin == Origin.ONLINE:
        lead, entered_by = person, None
    else:
        lead = Person.objects.create(kind=PersonKind.OFFLINE, display_name=offline_author_name.strip()[:80])
        entered_by = person
    co_authors = _co_authors(co_author_emails, lead) if origin == Origin.ONLINE else []

    idea = Idea(
        space=space,
        title=title,
        body=body,
        origin=origin,
        event_name=event_name.strip()[:200],
        entered_by=entered_by,
        **place,
    )
    idea.refresh_search_text([t.name for t in theme_list])
    idea.save()
    idea.themes.set(theme_list)
    IdeaAuthor.objects.create(idea=idea, person=lead, is_lead=True)
    IdeaAuthor.objects.bulk_create([IdeaAuthor(idea=idea, person=p) for p in co_authors])
    Follow.objects.bulk_create([Follow(idea=idea, person=p) for p in [lead, *co_authors] if p.kind == "account"])
    IdeaStatusChange.objects.create(idea=idea, status=IdeaStatus.SUBMITTED, changed_by=person)
    Space.objects.filter(pk=space.pk).update(version=F("version") + 1)
    if entered_by:
        log_action(actor=person, action="idea_enter_for_someone", space=space, target=idea, origin=origin)
    for co_author in co_authors:
        _tell_after_commit(NotificationKind.CO_AUTHOR_ADDED, idea, person, recipient_ids=[co_author.pk])
    return idea


@transaction.atomic
def idea_update(
    *,
    person: Person,
    idea: Idea,
    title: str,
    body: str,
    themes=(),
    place_name: str = "",
    latitude=None,
    longitude=None,
) -> Idea:
    ensure_can(person, "edit_idea", idea)
    title, body = _clean_idea_text(title, body)
    theme_list = _clean_themes(idea.space, themes)
    for name, value in _clean_place(place_name, latitude, longitude).items():
        setattr(idea, name, value)
    idea.title, idea.body = title, body
    idea.refresh_search_text([t.name for t in theme_list])
    # Only what the author changes: counters may be moving under concurrent supports.
    idea.save(update_fields=["title", "body", "place_name", "latitude", "longitude", "search_text", "updated_at"])
    idea.themes.set(theme_list)
    _changed(idea)
    # Ideas merged into this one show its title.
    Idea.objects.filter(merged_into=idea).update(version=F("version") + 1)
    return idea


def _set_status(idea: Idea, status: str, person: Person | None, note: str = "") -> None:
    idea.status = status
    Idea.objects.filter(pk=idea.pk).update(status=status)
    ideas_changed(idea.space_id, [idea.pk])
    IdeaStatusChange.objects.create(idea=idea, status=status, changed_by=person, note=note[:300])


@transaction.atomic
def idea_withdraw(*, person: Person, idea: Idea) -> Idea:
    ensure_can(person, "withdraw_idea", idea)
    _set_status(idea, IdeaStatus.WITHDRAWN, person)
    _changed(idea)
    _tell_after_commit(NotificationKind.STATUS_CHANGED, idea, person, details={"status": IdeaStatus.WITHDRAWN})
    return idea


@transaction.atomic
def idea_support(*, person: Person, idea: Idea) -> tuple[Support, bool]:
    """Record that `person` supports `idea`. Idempotent: a second call returns the existing
    support (and False) instead of counting twice; the database's unique constraint decides,
    also between concurrent requests. Plain SQL: this is the platform's most frequent write."""
    ensure_can(person, "support", idea)
    now = timezone.now()
    row = plain_rows.fetchone(
        "INSERT INTO ideas_support (idea_id, person_id, created_at) VALUES (%s, %s, %s)"
        " ON CONFLICT (idea_id, person_id) DO NOTHING RETURNING id",
        [idea.pk, person.pk, connection.ops.adapt_datetimefield_value(now)],
    )
    if row is None:
        found = plain_rows.fetchone(
            "SELECT id, created_at FROM ideas_support WHERE idea_id = %s AND person_id = %s", [idea.pk, person.pk]
        )
        existing = plain_rows.instance(Support, ("id", "created_at"), found)
        existing.idea, existing.person = idea, person
        return existing, False
    (idea.supports_count,) = plain_rows.fetchone(
        "UPDATE ideas_idea SET supports_count = supports_count + 1, version = version + 1 WHERE id = %s"
        " RETURNING supports_count",
        [idea.pk],
    )
    plain_rows.execute("UPDATE spaces_space SET version = version + 1 WHERE id = %s", [idea.space_id])
    return Support(pk=row[0], idea=idea, person=person, created_at=now), True


@transaction.atomic
def idea_unsupport(*, person: Person, idea: Idea) -> bool:
    """Withdraw one's support while supporting is open. Returns whether there was one."""
    ensure_can(person, "support", idea)
    deleted, _detail = Support.objects.filter(person=person, idea=idea).delete()
    if not deleted:
        return False
    (idea.supports_count,) = plain_rows.fetchone(
        "UPDATE ideas_idea SET supports_count = supports_count - 1, version = version + 1 WHERE id = %s"
        " RETURNING supports_count",
        [idea.pk],
    )
    Space.objects.filter(pk=idea.space_id).update(version=F("version") + 1)
    return True


@transaction.atomic
def idea_follow(*, person: Person, idea: Idea) -> Follow:
    ensure_can(person, "follow", idea)
    follow, _created = Follow.objects.get_or_create(person=person, idea=idea)
    return follow


@transaction.atomic
def idea_unfollow(*, person: Person, idea: Idea) -> None:
    ensure_can(person, "follow", idea)
    Follow.objects.filter(person=person, idea=idea).delete()


@transaction.atomic
def idea_answer(*, person: Person, idea: Idea, status: str, body: str) -> OfficialAnswer:
    """Give (or change) the official answer and the status that goes with it."""
    ensure_can(person, "answer", idea)
    body = (body or "").strip()
    errors = {}
    if status not in ANSWER_STATUSES:
        errors["status"] = _("Choose under consideration, accepted or not taken forward.")
    if len(body) < 10:
        errors["body"] = _("Write an answer that explains the decision (at least 10 characters).")
    elif len(body) > 10000:
        errors["body"] = _("Keep the answer under 10,000 characters.")
    if errors:
        raise ValidationError(errors)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    answer, created = OfficialAnswer.objects.update_or_create(
        idea=idea, defaults={"body": body, "answered_by": person, "answered_at": timezone.now()}
    )
    if idea.status != status:
        _set_status(idea, status, person, note=_("Official answer"))
    _changed(idea)
    log_action(actor=person, action="idea_answer", space=idea.space, target=idea, status=status)
    _tell_after_commit(NotificationKind.ANSWERED, idea, person, details={"status": status})
    return answer


@transaction.atomic
def ideas_merge(*, person: Person, target: Idea, sources: list[Idea], note: str = "") -> Idea:
    """Merge `sources` into `target`. Each source keeps its page, marked merged with a link to
    the target; its supporters are carried to the target once each (recorded as carried from
    the source), its followers follow the target too, and its authors and followers are told."""
    ensure_can(person, "merge", target)
    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        raise ValidationError({"sources": _("Choose at least one other idea to merge into this one.")})
    for source in sources:
        if source.space_id != target.space_id:
            raise ValidationError({"sources": _("Only ideas of the same space can be merged.")})
        ensure_can(person, "merge", source)
    if target.status not in OPEN_STATUSES or target.is_hidden:
        raise ValidationError({"target": _("Merge into an idea that is open and visible.")})

    locked = {i.pk: i for i in Idea.objects.select_for_update().filter(pk__in=[target.pk, *[s.pk for s in sources]])}
    if any(locked[s.pk].merged_into_id for s in sources) or locked[target.pk].merged_into_id:
        raise ValidationError({"sources": _("One of these ideas was merged in the meantime. Reload the page.")})

    now = timezone.now()
    source_ids = [s.pk for s in sources]
    already = set(Support.objects.filter(idea=target).values_list("person_id", flat=True))
    carried = []
    for support in Support.objects.filter(idea_id__in=source_ids).order_by("created_at", "pk"):
        if support.person_id not in already:
            already.add(support.person_id)
            carried.append(
                Support(
                    idea=target,
                    person_id=support.person_id,
                    carried_from_id=support.idea_id,
                    created_at=support.created_at,
                )
            )
    Support.objects.bulk_create(carried)
    imported = sum(locked[pk].imported_supports_count for pk in source_ids)
    Idea.objects.filter(pk=target.pk).update(
        supports_count=Support.objects.filter(idea=target).count(),
        imported_supports_count=F("imported_supports_count") + imported,
    )
    following = set(Follow.objects.filter(idea=target).values_list("person_id", flat=True))
    new_followers = set(Follow.objects.filter(idea_id__in=source_ids).values_list("person_id", flat=True))
    new_followers |= set(
        IdeaAuthor.objects.filter(idea_id__in=source_ids, person__kind="account").values_list("person_id", flat=True)
    )
    Follow.objects.bulk_create([Follow(idea=target, person_id=pid) for pid in new_followers - following])

    Idea.objects.filter(pk__in=source_ids).update(
        status=IdeaStatus.MERGED, merged_into=target, merged_at=now, version=F("version") + 1
    )
    ideas_changed(target.space_id, source_ids)
    IdeaStatusChange.objects.bulk_create(
        [
            IdeaStatusChange(
                idea_id=pk,
                status=IdeaStatus.MERGED,
                changed_by=person,
                changed_at=now,
                note=(note or _("Merged into “%(title)s”") % {"title": target.title})[:300],
            )
            for pk in source_ids
        ]
    )
    _changed(target)
    log_action(
        actor=person,
        action="ideas_merge",
        space=target.space,
        target=target,
        sources=source_ids,
        carried_supports=len(carried),
    )
    for source in sources:
        _tell_after_commit(NotificationKind.MERGED, source, person, details={"into": target.pk})
    target.refresh_from_db()
    return target


@transaction.atomic
def duplicates_dismiss(*, person: Person, space: Space, ideas: list[Idea]) -> NotDuplicatesDecision:
    """Record that these ideas, suggested as duplicates of each other, are not: the same group
    is no longer suggested to moderators. Saying it twice changes nothing."""
    ensure_can(person, "review_duplicates", space)
    ids = {idea.pk for idea in ideas}
    if len(ids) < 2:
        raise ValidationError({"ideas": _("Choose at least two ideas.")})
    if any(idea.space_id != space.pk for idea in ideas):
        raise ValidationError({"ideas": _("Only ideas of this space can be reviewed here.")})
    key = NotDuplicatesDecision.key(ids)
    if len(key) > NotDuplicatesDecision._meta.get_field("idea_ids").max_length:
        raise ValidationError({"ideas": _("This group is too large to record; merge some of its ideas first.")})
    decision, created = NotDuplicatesDecision.objects.get_or_create(
        space=space, idea_ids=key, defaults={"decided_by": person}
    )
    if created:
        log_action(actor=person, action="duplicates_dismiss", space=space, ideas=sorted(ids))
    return decision


@transaction.atomic
def comment_create(*, person: Person, idea: Idea, body: str, parent: Comment | None = None) -> Comment:
    ensure_can(person, "comment", idea)
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": _("Write your comment before sending it.")})
    if len(body) > COMMENT_MAX:
        raise ValidationError({"body": _("Keep your comment under %(n)s characters.") % {"n": COMMENT_MAX}})
    depth = 0
    replied_to = parent.author_id if parent is not None else None
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError({"parent": _("You can only reply to a comment on the same idea.")})
        if parent.is_hidden:
            raise ValidationError({"parent": _("You cannot reply to a comment a moderator has hidden.")})
        if parent.depth + 1 >= COMMENT_MAX_DEPTH:
            parent = parent.parent if parent.parent_id else parent
        depth = parent.depth + 1
    comment = Comment.objects.create(
        space_id=idea.space_id, idea=idea, author=person, body=body, parent=parent, depth=depth
    )
    Idea.objects.filter(pk=idea.pk).update(comments_count=F("comments_count") + 1)
    idea.comments_count += 1
    Follow.objects.get_or_create(person=person, idea=idea)
    _changed(idea)
    reply_to = [replied_to] if replied_to not in (None, person.pk) else []
    _tell_after_commit(NotificationKind.COMMENTED, idea, person, comment_id=comment.pk, reply_to=reply_to)
    return comment


def on_contribution_moderated(content, hidden: bool) -> None:
    """Keep counters and caches right when a moderator hides or restores an idea or comment."""
    if isinstance(content, Comment):
        step = -1 if hidden else 1
        Idea.objects.filter(pk=content.idea_id).update(comments_count=F("comments_count") + step)
        _changed(content.idea)
    elif isinstance(content, Idea):
        _changed(content)
        ideas_changed(content.space_id, [content.pk])
        if content.merged_into_id:  # the idea it was merged into lists it
            Idea.objects.filter(pk=content.merged_into_id).update(version=F("version") + 1)


def ideas_recount(*, space: Space | None = None) -> int:
    """Rebuild the stored support and comment counters from the rows (imported counts stay).
    Returns how many ideas had a wrong counter."""
    ideas = Idea.objects.all() if space is None else Idea.objects.filter(space=space)
    fixed = 0

    def counted(queryset):
        rows = queryset.filter(idea=OuterRef("pk")).order_by().values("idea").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(rows), 0)

    rows = ideas.annotate(
        real_supports=counted(Support.objects.all()),
        real_comments=counted(Comment.objects.filter(hidden_at__isnull=True)),
    ).values_list("pk", "supports_count", "comments_count", "real_supports", "real_comments")
    for pk, supports, comments, real_supports, real_comments in rows.iterator():
        if (supports, comments) != (real_supports, real_comments):
            with transaction.atomic():
                Idea.objects.filter(pk=pk).update(
                    supports_count=real_supports, comments_count=real_comments, version=F("version") + 1
                )
            fixed += 1
    if fixed:
        (Space.objects.all() if space is None else Space.objects.filter(pk=space.pk)).update(version=F("version") + 1)
    return fixed
