"""Every write about condensing: condensed proposals and their originals, the vote on them by
sub-theme, and co-design invitations.

Unlike a merge (`cocreate.ideas.services.ideas_merge`), condensing changes nothing about the
originals: they stay open, keep their supports and comments, and their pages say "included in
condensed proposal X". The vote is on the condensed proposals; each person has
`Challenge.votes_per_theme` votes in each sub-theme, a limit checked under a lock on the
challenge's row so that two votes sent at once cannot both pass it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.accounts.models import Person, PersonKind
from cocreate.algorithms.co_design import Candidate, top_per_theme
from cocreate.algorithms.text import clean_text
from cocreate.challenges.models import (
    Challenge,
    CoDesignInvitation,
    CoDesignStatus,
    CondensedProposal,
    CondensedSource,
    CondensedVote,
    Event,
)
from cocreate.challenges.selectors.condensing import limit_reason
from cocreate.challenges.services.cached_pages import ideas_changed, space_changed
from cocreate.ideas.models import Idea, IdeaAuthor, IdeaStatus, Theme
from cocreate.ideas.services import BODY_MIN, clean_title_and_body
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.spaces.services import log_action


def condensed_link(condensed: CondensedProposal) -> str:
    return reverse("challenges:condensing_detail", kwargs={"slug": condensed.space.slug, "condensed_id": condensed.pk})


def _challenge(space: Space) -> Challenge:
    challenge = Challenge.objects.filter(space_id=space.pk).first()
    if challenge is None:
        raise ValidationError(_("Condensed proposals belong to challenges, and this space is not a challenge."))
    return challenge


def _clean_text_fields(title: str, body: str) -> tuple[str, str]:
    """A condensed proposal is written like an idea: the same limits, the same messages."""
    return clean_title_and_body(
        title,
        body,
        body_too_short=_("Describe the condensed proposal in at least %(n)s characters.") % {"n": BODY_MIN},
    )


def _clean_theme(space: Space, theme) -> Theme:
    if theme in (None, ""):
        if not Theme.objects.filter(space_id=space.pk).exists():
            raise ValidationError(
                {
                    "theme": _(
                        "This space has no themes yet, and people vote by sub-theme. "
                        "Ask an administrator to add the space's themes first."
                    )
                }
            )
        raise ValidationError({"theme": _("Choose the sub-theme people will vote in.")})
    try:
        theme_id = theme.pk if isinstance(theme, Theme) else int(theme)
    except (TypeError, ValueError):
        theme_id = 0
    found = Theme.objects.filter(space_id=space.pk, pk=theme_id).first() if 0 < theme_id < 2**62 else None
    if found is None:
        raise ValidationError({"theme": _("Choose a sub-theme from the list of this space.")})
    return found


def _clean_originals(space: Space, ideas, *, required: bool = True) -> list[Idea]:
    """The ideas, checked: in this space, visible, not merged, not withdrawn (locked, so that a
    merge or a moderator running at the same moment cannot slip past the check)."""
    try:
        ids = sorted({i.pk if isinstance(i, Idea) else int(i) for i in ideas or []})
    except (TypeError, ValueError):
        raise ValidationError({"ideas": _("Choose ideas from the list of this space.")}) from None
    if not ids:
        if required:
            raise ValidationError({"ideas": _("Choose at least one idea to include.")})
        return []
    if any(not 0 < pk < 2**62 for pk in ids):
        raise ValidationError({"ideas": _("Choose ideas from the list of this space.")})
    found = {i.pk: i for i in Idea.objects.select_for_update().filter(pk__in=ids, space_id=space.pk)}
    if len(found) != len(ids):
        raise ValidationError({"ideas": _("Only ideas of this space can be included.")})
    problems = []
    for idea in (found[pk] for pk in ids):
        if idea.is_hidden:
            problems.append(_("“%(title)s” was hidden by a moderator.") % {"title": idea.title})
        elif idea.merged_into_id or idea.status == IdeaStatus.MERGED:
            problems.append(
                _("“%(title)s” was merged into another idea: include that one instead.") % {"title": idea.title}
            )
        elif idea.status == IdeaStatus.WITHDRAWN:
            problems.append(_("“%(title)s” was withdrawn by its author.") % {"title": idea.title})
    if problems:
        raise ValidationError({"ideas": [_("These ideas cannot be included:"), *problems]})
    return [found[pk] for pk in ids]


def _tell_authors_after_commit(condensed: CondensedProposal, idea_ids: list[int], actor: Person) -> None:
    from cocreate.challenges.tasks.condensing import tell_authors_condensed

    arguments = {
        "condensed_id": condensed.pk,
        "idea_ids": list(idea_ids),
        "actor_id": actor.pk,
        "link": condensed_link(condensed),
    }
    transaction.on_commit(lambda: tell_authors_condensed.enqueue(**arguments))


# --- Condensed proposals -------------------------------------------------------------------


@transaction.atomic
def condensed_create(
    *, person: Person, space: Space, title: str, body: str, theme, ideas, event_name: str = ""
) -> CondensedProposal:
    """Group `ideas` into a new condensed proposal in sub-theme `theme`. The ideas stay as they
    are; their authors are told."""
    ensure_can(person, "condense", space)
    _challenge(space)
    title, body = _clean_text_fields(title, body)
    errors = {}
    try:
        theme = _clean_theme(space, theme)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        originals = _clean_originals(space, ideas)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    condensed = CondensedProposal.objects.create(
        space=space,
        title=title,
        body=body,
        theme=theme,
        created_by=person,
        entered_by=person,
        event_name=clean_text(event_name or "")[:200],
    )
    CondensedSource.objects.bulk_create(
        [CondensedSource(condensed=condensed, idea=i, added_by=person) for i in originals]
    )
    idea_ids = [i.pk for i in originals]
    ideas_changed(idea_ids)
    space_changed(space.pk)
    log_action(actor=person, action="condensed_create", space=space, target=condensed, ideas=idea_ids)
    _tell_authors_after_commit(condensed, idea_ids, person)
    return condensed


@transaction.atomic
def condensed_update(
    *, person: Person, condensed: CondensedProposal, title: str, body: str, theme
) -> CondensedProposal:
    """Change a condensed proposal's title, text or sub-theme. The sub-theme cannot change once
    people have voted for it: their votes were counted against that sub-theme's limit."""
    condensed = CondensedProposal.objects.select_for_update().select_related("space").get(pk=condensed.pk)
    ensure_can(person, "condense", condensed)
    title, body = _clean_text_fields(title, body)
    theme = _clean_theme(condensed.space, theme)
    if theme.pk != condensed.theme_id and CondensedVote.objects.filter(proposal=condensed).exists():
        raise ValidationError(
            {
                "theme": _(
                    "People have already voted for this proposal in its sub-theme, so the sub-theme can no longer "
                    "change. Create a new condensed proposal in the other sub-theme instead."
                )
            }
        )
    changed = sorted(
        name
        for name, value in (("title", title), ("body", body), ("theme", theme.pk))
        if value != getattr(condensed, "theme_id" if name == "theme" else name)
    )
    condensed.title, condensed.body, condensed.theme = title, body, theme
    condensed.save(update_fields=["title", "body", "theme", "updated_at"])
    ideas_changed(CondensedSource.objects.filter(condensed=condensed).values_list("idea_id", flat=True))
    space_changed(condensed.space_id)
    log_action(actor=person, action="condensed_update", space=condensed.space, target=condensed, changed=changed)
    return condensed


@transaction.atomic
def condensed_add_originals(*, person: Person, condensed: CondensedProposal, ideas) -> list[Idea]:
    """Include more ideas. Ideas already included are left as they are; returns the ideas
    newly included (their authors are told)."""
    condensed = CondensedProposal.objects.select_for_update().select_related("space").get(pk=condensed.pk)
    ensure_can(person, "condense", condensed)
    originals = _clean_originals(condensed.space, ideas)
    already = set(CondensedSource.objects.filter(condensed=condensed).values_list("idea_id", flat=True))
    new = [i for i in originals if i.pk not in already]
    if not new:
        raise ValidationError(
            {
                "ideas": ngettext(
                    "This idea is already included in “%(title)s”.",
                    "These ideas are already included in “%(title)s”.",
                    len(originals),
                )
                % {"title": condensed.title}
            }
        )
    CondensedSource.objects.bulk_create([CondensedSource(condensed=condensed, idea=i, added_by=person) for i in new])
    idea_ids = [i.pk for i in new]
    ideas_changed(idea_ids)
    space_changed(condensed.space_id)
    log_action(actor=person, action="condensed_add_original", space=condensed.space, target=condensed, ideas=idea_ids)
    _tell_authors_after_commit(condensed, idea_ids, person)
    return new


def condensed_add_original(*, person: Person, condensed: CondensedProposal, idea: Idea) -> Idea:
    return condensed_add_originals(person=person, condensed=condensed, ideas=[idea])[0]


@transaction.atomic
def condensed_remove_original(*, person: Person, condensed: CondensedProposal, idea: Idea) -> None:
    """Take an idea out of a condensed proposal. The idea itself is not changed; a condensed
    proposal keeps at least one original."""
    condensed = CondensedProposal.objects.select_for_update().select_related("space").get(pk=condensed.pk)
    ensure_can(person, "condense", condensed)
    sources = list(CondensedSource.objects.filter(condensed=condensed).values_list("idea_id", flat=True))
    if idea.pk not in sources:
        raise ValidationError(
            {"ideas": _("“%(title)s” is not included in this condensed proposal.") % {"title": idea.title}}
        )
    if len(sources) == 1:
        raise ValidationError(
            {
                "ideas": _(
                    "A condensed proposal keeps at least one original idea. Include another idea first, "
                    "then take this one out."
                )
            }
        )
    CondensedSource.objects.filter(condensed=condensed, idea_id=idea.pk).delete()
    ideas_changed([idea.pk])
    space_changed(condensed.space_id)
    log_action(actor=person, action="condensed_remove_original", space=condensed.space, target=condensed, idea=idea.pk)


@transaction.atomic
def condensed_withdraw(*, person: Person, condensed: CondensedProposal, reason: str = "", withdrawn: bool = True):
    """Staff withdraw a condensed proposal made by mistake (or publish it again). Withdrawn, it
    leaves the lists, the vote and the results; votes for it no longer use up a vote in its
    sub-theme; its originals are not changed."""
    condensed = CondensedProposal.objects.select_for_update().select_related("space").get(pk=condensed.pk)
    ensure_can(person, "condense", condensed)
    reason = clean_text(reason or "")
    if withdrawn:
        if condensed.is_hidden:
            raise ValidationError(_("This condensed proposal is already withdrawn."))
        if not reason:
            raise ValidationError({"reason": _("Say why it is withdrawn: people who voted for it will read it.")})
        condensed.hidden_at, condensed.hidden_by, condensed.hidden_reason = timezone.now(), person, reason[:1000]
    else:
        if not condensed.is_hidden:
            raise ValidationError(_("This condensed proposal is already published."))
        condensed.hidden_at, condensed.hidden_by, condensed.hidden_reason = None, None, ""
    condensed.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    ideas_changed(CondensedSource.objects.filter(condensed=condensed).values_list("idea_id", flat=True))
    space_changed(condensed.space_id)
    action = "condensed_withdraw" if withdrawn else "condensed_restore"
    log_action(actor=person, action=action, space=condensed.space, target=condensed, reason=reason)
    return condensed


# --- The vote by sub-theme -----------------------------------------------------------------


@transaction.atomic
def condensed_vote(*, person: Person, condensed: CondensedProposal) -> tuple[CondensedVote, bool]:
    """Vote for a condensed proposal; (vote, True) the first time, (existing vote, False) after.
    Refused with the reason when the person has used all their votes in its sub-theme."""
    ensure_can(person, "vote_condensed", condensed)
    # The limit is per person and sub-theme: lock the challenge's row, the one row every vote in
    # the space goes through (a person's existing votes may be none, and locking none protects
    # nothing).
    challenge = Challenge.objects.select_for_update().get(space_id=condensed.space_id)
    existing = CondensedVote.objects.filter(proposal_id=condensed.pk, person=person).first()
    if existing is not None:
        return existing, False
    chosen = list(
        CondensedVote.objects.filter(
            person=person,
            proposal__space_id=condensed.space_id,
            proposal__theme_id=condensed.theme_id,
            proposal__hidden_at__isnull=True,
        ).values_list("proposal__title", flat=True)
    )
    if len(chosen) >= challenge.votes_per_theme:
        theme = condensed.theme.name if condensed.theme_id else _("this sub-theme")
        message = limit_reason(theme, chosen)
        raise ValidationError(message, code="votes_per_theme")
    vote = CondensedVote.objects.create(proposal=condensed, person=person)
    CondensedProposal.objects.filter(pk=condensed.pk).update(votes_count=F("votes_count") + 1)
    condensed.votes_count += 1
    space_changed(condensed.space_id)
    return vote, True


@transaction.atomic
def condensed_unvote(*, person: Person, condensed: CondensedProposal) -> bool:
    """Withdraw a vote (while the vote is open). True if there was one."""
    ensure_can(person, "vote_condensed", condensed)
    deleted, _rows = CondensedVote.objects.filter(proposal_id=condensed.pk, person=person).delete()
    if deleted:
        # `votes_count__gt=0`: a counter that drifted (fixed by `cocreate recount`) never goes below zero.
        CondensedProposal.objects.filter(pk=condensed.pk, votes_count__gt=0).update(votes_count=F("votes_count") - 1)
        condensed.votes_count -= 1
        space_changed(condensed.space_id)
    return bool(deleted)


def condensed_recount(*, space: Space | None = None) -> int:
    """Rebuild the stored vote counters from the votes. Returns how many were wrong."""
    proposals = CondensedProposal.objects.all() if space is None else CondensedProposal.objects.filter(space=space)
    counted = (
        CondensedVote.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal").annotate(n=Count("pk"))
    )
    rows = proposals.annotate(real=Coalesce(Subquery(counted.values("n")), 0)).values_list(
        "pk", "space_id", "votes_count", "real"
    )
    fixed, spaces = 0, set()
    for pk, space_id, stored, real in rows.iterator():
        if stored != real:
            with transaction.atomic():
                CondensedProposal.objects.filter(pk=pk).update(votes_count=real)
            fixed += 1
            spaces.add(space_id)
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
    return fixed


# --- Co-design -----------------------------------------------------------------------------


def co_design_candidates(*, space: Space) -> list[Candidate]:
    """The visible condensed proposals of a space as the ranking sees them (one query)."""
    rows = (
        CondensedProposal.objects.filter(space_id=space.pk, hidden_at__isnull=True)
        .annotate(
            original_supports=Coalesce(
                Sum(F("sources__idea__supports_count") + F("sources__idea__imported_supports_count")), 0
            )
        )
        .values_list("pk", "theme_id", "votes_count", "original_supports")
    )
    return [
        Candidate(id=pk, theme=theme, votes=votes, original_supports=supports) for pk, theme, votes, supports in rows
    ]


def co_design_plan(*, space: Space) -> dict[int, list[Person]]:
    """{condensed proposal id: the distinct authors of its originals} for the top proposals of
    each sub-theme: who `co_design_invite` would invite (offline authors included, so staff
    can reach them another way)."""
    challenge = _challenge(space)
    chosen = top_per_theme(co_design_candidates(space=space), challenge.co_design_places)
    plan: dict[int, list[Person]] = {pk: [] for pk in chosen}
    authorships = (
        IdeaAuthor.objects.filter(idea__condensed_sources__condensed_id__in=chosen)
        .annotate(condensed_id=F("idea__condensed_sources__condensed_id"))
        .select_related("person")
        .order_by("-is_lead", "added_at", "pk")
    )
    seen = set()
    for authorship in authorships:
        key = (authorship.condensed_id, authorship.person_id)
        if key not in seen:
            seen.add(key)
            plan[authorship.condensed_id].append(authorship.person)
    return plan


def reachable(person: Person) -> bool:
    """Can answer an invitation here: an active account (not someone entered offline)."""
    return person.kind == PersonKind.ACCOUNT and person.is_active and not person.deleted_at


@transaction.atomic
def co_design_invite(*, person: Person, space: Space, event: Event | None = None) -> list[CoDesignInvitation]:
    """Invite every distinct author (with an account) of the originals inside the top
    `Challenge.co_design_places` condensed proposals of each sub-theme, optionally to an event
    of the space. One invitation per proposal and person: sending again invites only the
    people not invited yet (after a late change to the originals, say). Returns the new ones."""
    ensure_can(person, "invite_co_design", space)
    Challenge.objects.select_for_update().filter(space_id=space.pk).first()  # one sending at a time
    if event is not None:
        if event.space_id != space.pk:
            raise ValidationError({"event": _("Choose an event of this space.")})
        if event.is_cancelled:
            raise ValidationError({"event": _("This event was cancelled. Choose another, or none.")})
        if event.has_ended():
            raise ValidationError({"event": _("This event has already taken place. Choose a later one, or none.")})
    plan = co_design_plan(space=space)
    if not plan:
        raise ValidationError(
            _("No condensed proposal has any votes yet, so there is no one to invite. Invite once people have voted.")
        )
    already = set(
        CoDesignInvitation.objects.filter(condensed_id__in=list(plan)).values_list("condensed_id", "person_id")
    )
    new = [
        CoDesignInvitation(condensed_id=condensed_id, person=author, event=event)
        for condensed_id, authors in plan.items()
        for author in authors
        if reachable(author) and (condensed_id, author.pk) not in already
    ]
    if not new:
        raise ValidationError(
            _("Everyone who can be invited has already been invited. Their answers are listed below.")
        )
    created = CoDesignInvitation.objects.bulk_create(new)  # ids are set (RETURNING on SQLite and PostgreSQL)
    log_action(
        actor=person,
        action="co_design_invite",
        space=space,
        target=space,
        invitations=len(created),
        event=event.pk if event else None,
    )
    ids = [i.pk for i in created]
    from cocreate.challenges.tasks.condensing import tell_co_design_invited

    transaction.on_commit(lambda: tell_co_design_invited.enqueue(invitation_ids=ids, actor_id=person.pk))
    return created


@transaction.atomic
def co_design_answer(*, person: Person, invitation: CoDesignInvitation, accept: bool) -> CoDesignInvitation:
    """The invited person accepts or declines; they may change their answer until the event
    (if there is one) has ended."""
    invitation = (
        CoDesignInvitation.objects.select_for_update(of=("self",))
        .select_related("condensed__space", "event")
        .get(pk=invitation.pk)
    )
    if invitation.person_id != getattr(person, "pk", None):
        raise Refused(refuse(_("Only the person invited can answer this invitation.")))
    if invitation.event_id and invitation.event.has_ended():
        raise ValidationError(_("The co-design event has already taken place, so the answer can no longer change."))
    invitation.status = CoDesignStatus.ACCEPTED if accept else CoDesignStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation
