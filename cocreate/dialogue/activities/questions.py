"""What people can do with questions to officials; each rule is declared here once and applied by
`can()`. Asking and supporting are phased (a phase of the dialogue space lists them, as
`submit_idea` for ideas); selecting, answering and declining are for the space's organisers at
any time."""

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Imported with the activities (when the app is ready) so that the "questions" similarity source
# is registered in every process, the task worker included, before any question is saved.
from cocreate.dialogue.selectors import questions as _similarity_source  # noqa: F401
from cocreate.spaces.permissions import is_moderator, is_organiser
from cocreate.spaces.registry import Activity, Check, register


def _is_question(target) -> bool:
    return hasattr(target, "supports_count") and hasattr(target, "decline_reason")


@rules.predicate
def is_open_question(person, question) -> bool:
    return not _is_question(question) or question.is_open


@rules.predicate
def is_selected_question(person, question) -> bool:
    return not _is_question(question) or (question.status == "selected" and not question.is_hidden)


@rules.predicate
def is_not_settled(person, question) -> bool:
    return not _is_question(question) or question.status in ("open", "selected")


def not_open_reason(person, question) -> str:
    if question.is_hidden:
        return _("A moderator has hidden this question.")
    return _("This question is no longer open for support: its status is “%(status)s”.") % {
        "status": question.get_status_display()
    }


def not_selected_reason(person, question) -> str:
    if question.is_hidden:
        return _("A moderator has hidden this question.")
    if question.status == "open":
        return _("Only selected questions are answered. Select this question in a selection round first.")
    return _("This question cannot be answered: its status is “%(status)s”.") % {
        "status": question.get_status_display()
    }


register(
    Activity(
        name="ask_question",
        label=gettext_lazy("ask questions"),
        description=gettext_lazy("Ask questions to officials"),
        residents_only_possible=True,
    )
)

register(
    Activity(
        name="ask_question_for_someone",
        label=gettext_lazy("enter questions for people who took part offline"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                gettext_lazy("Only organisers and moderators can enter questions for other people."),
            ),
        ),
    )
)

register(
    Activity(
        name="support_question",
        label=gettext_lazy("support questions"),
        description=gettext_lazy("Support questions to officials"),
        residents_only_possible=True,
        when=(Check(is_open_question, not_open_reason),),
    )
)

register(
    Activity(
        name="select_questions",
        label=gettext_lazy("select questions to answer"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can select questions.")),),
    )
)

register(
    Activity(
        name="answer_question",
        label=gettext_lazy("answer questions"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can answer questions.")),),
        when=(Check(is_selected_question, not_selected_reason),),
    )
)

register(
    Activity(
        name="decline_question",
        label=gettext_lazy("decline questions"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can decline questions.")),),
        when=(
            Check(
                is_not_settled,
                gettext_lazy("This question has already been answered or declined."),
            ),
        ),
    )
)


# --- Moderation: questions can be reported and hidden like ideas ----------------------------


def _moderation_questions():
    from cocreate.dialogue.models import Question

    return Question.objects.select_related("space", "asker")


def _hidden_or_restored(sender, content, **_kwargs) -> None:
    """A question was hidden or shown again (with `update()`, which sends no post_save): its
    space's pages change, and it leaves or rejoins the similar-question suggestions."""
    from django.db.models import F

    from cocreate.spaces import similarity
    from cocreate.spaces.models import Space

    Space.objects.filter(pk=content.space_id).update(version=F("version") + 1)
    similarity.changed("questions", content.space_id, [content.pk])


def _connect_moderation() -> None:
    from cocreate.dialogue.models import Question
    from cocreate.spaces.registry import register_moderated
    from cocreate.spaces.signals import contribution_hidden, contribution_restored

    register_moderated("question", Question, _moderation_questions)
    contribution_hidden.connect(_hidden_or_restored, sender=Question, dispatch_uid="question_hidden")
    contribution_restored.connect(_hidden_or_restored, sender=Question, dispatch_uid="question_restored")


_connect_moderation()
