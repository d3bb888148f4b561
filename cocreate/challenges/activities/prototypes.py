"""What people can do with prototypes; each rule declared once and applied by `can()`.

Targets: the space (submit a prototype), a prototype (edit it and add versions, decide a gate,
run a test session), a test session (give feedback).

- submit_prototype (phased): anyone signed in; when it names a team, the service also checks that
  the person is one of its members.
- edit_prototype: the prototype's team (or, without a team, the person who submitted it), and the
  organisers.
- decide_gate: organisers and evaluators move a prototype to another stage, with evidence. Allowed
  moves (`allowed_stages`): any move forward (skipping stages is allowed: a concept tested at a
  camp can go straight to "tested"), and retiring it from any stage. There is no way back: a step
  back is recorded as a new version tested again. A retired prototype stays retired.
- run_test_session: the prototype's team and the organisers; they also type in feedback given on
  paper at a session (with `entered_by`).
- give_feedback (phased): anyone signed in, while the session is open; until the session's
  "open to everyone" time only invited people (authors and supporters of the source ideas, and
  people the team invited).
"""

import rules
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreate.challenges.models import Prototype, Stage, TestInvitation
from cocreate.spaces.permissions import is_evaluator, is_organiser, is_visible_content, signed_in
from cocreate.spaces.registry import Activity, Check, register, register_moderated

# The order stages come in; RETIRED is outside it (reachable from anywhere, leading nowhere).
STAGE_ORDER = (
    Stage.CONCEPT,
    Stage.PROTOTYPE,
    Stage.TESTED,
    Stage.PILOT,
    Stage.SCALING,
    Stage.ADOPTED_ELSEWHERE,
)


def allowed_stages(stage: str) -> list[str]:
    """The stages a gate decision may move a prototype at `stage` to."""
    if stage == Stage.RETIRED:
        return []
    later = list(STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :]) if stage in STAGE_ORDER else []
    return [*later, Stage.RETIRED]


@rules.predicate
def makes_prototype(person, prototype) -> bool:
    return signed_in(person) and prototype.is_authored_by(person)


@rules.predicate
def not_retired(person, prototype) -> bool:
    return prototype.stage != Stage.RETIRED


@rules.predicate
def session_is_open(person, session) -> bool:
    return session.is_open()


def is_invited(person, session) -> bool:
    memo = person.__dict__.setdefault("_cocreate_test_invitations", {})
    if session.pk not in memo:
        memo[session.pk] = TestInvitation.objects.filter(session_id=session.pk, person=person).exists()
    return memo[session.pk]


@rules.predicate
def may_test_now(person, session) -> bool:
    opens_to_all = session.open_to_everyone_at
    if opens_to_all is not None and opens_to_all <= timezone.now():
        return True
    return is_invited(person, session)


def invited_only_reason(person, session) -> str:
    if session.open_to_everyone_at is None:
        return _("This test session is only for invited people. Ask the team if you would like to take part.")
    return _("This test session is open to invited people until %(date)s.") % {
        "date": date_format(timezone.localtime(session.open_to_everyone_at), "j F")
    }


def session_closed_reason(person, session) -> str:
    if session.state() == "upcoming":
        return _("This test session opens on %(date)s.") % {
            "date": date_format(timezone.localtime(session.starts_at), "j F")
        }
    return _("This test session closed on %(date)s. Thank you for your interest.") % {
        "date": date_format(timezone.localtime(session.ends_at), "j F")
    }


@rules.predicate
def prototype_visible(person, session) -> bool:
    return not session.prototype.is_hidden


register(
    Activity(
        name="submit_prototype",
        label=gettext_lazy("submit prototypes"),
        description=gettext_lazy("Submit prototypes built from ideas"),
    )
)

register(
    Activity(
        name="edit_prototype",
        label=gettext_lazy("change this prototype"),
        phased=False,
        who=(
            Check(
                makes_prototype | is_organiser,
                gettext_lazy("Only the prototype's team and the organisers can change it."),
            ),
        ),
        when=(Check(is_visible_content, gettext_lazy("A moderator has hidden this prototype.")),),
    )
)

register(
    Activity(
        name="decide_gate",
        label=gettext_lazy("move prototypes to another stage"),
        phased=False,
        who=(
            Check(
                is_organiser | is_evaluator,
                gettext_lazy("Only organisers and evaluators can move a prototype to another stage."),
            ),
        ),
        when=(Check(not_retired, gettext_lazy("This prototype is retired: its stage can no longer change.")),),
    )
)

register(
    Activity(
        name="run_test_session",
        label=gettext_lazy("run test sessions"),
        phased=False,
        who=(
            Check(
                makes_prototype | is_organiser,
                gettext_lazy("Only the prototype's team and the organisers can run test sessions."),
            ),
        ),
        when=(
            Check(is_visible_content, gettext_lazy("A moderator has hidden this prototype.")),
            Check(not_retired, gettext_lazy("This prototype is retired: it is no longer tested.")),
        ),
    )
)

register(
    Activity(
        name="give_feedback",
        label=gettext_lazy("give feedback on prototypes"),
        description=gettext_lazy("Test prototypes and give feedback"),
        when=(
            Check(prototype_visible, gettext_lazy("A moderator has hidden this prototype.")),
            Check(session_is_open, session_closed_reason),
            Check(may_test_now, invited_only_reason),
        ),
    )
)


def _moderation_prototypes():
    return Prototype.objects.select_related("space", "team", "created_by").prefetch_related("team__members__person")


register_moderated("prototype", Prototype, _moderation_prototypes)


def _bump_pages(sender, content, **_kwargs) -> None:
    """A prototype was hidden or shown again: its space's pages and its ideas' pages change."""
    from django.db.models import F

    from cocreate.ideas.models import Idea
    from cocreate.spaces.models import Space

    Space.objects.filter(pk=content.space_id).update(version=F("version") + 1)
    Idea.objects.filter(pk__in=content.sources.values("idea_id")).update(version=F("version") + 1)


def _connect_moderation_receivers() -> None:
    from cocreate.spaces.signals import contribution_hidden, contribution_restored

    contribution_hidden.connect(_bump_pages, sender=Prototype, dispatch_uid="prototype_hidden")
    contribution_restored.connect(_bump_pages, sender=Prototype, dispatch_uid="prototype_restored")


_connect_moderation_receivers()
