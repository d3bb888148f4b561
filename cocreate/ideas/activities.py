"""What people can do with ideas; each rule is declared here once and applied by `can()`."""

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreate.ideas.models import IdeaStatus
from cocreate.spaces.permissions import is_author, is_evaluator, is_moderator, is_organiser
from cocreate.spaces.registry import Activity, Check, register, register_moderated


@rules.predicate
def is_not_merged(person, idea) -> bool:
    return idea.merged_into_id is None


@rules.predicate
def is_not_withdrawn(person, idea) -> bool:
    return idea.status != IdeaStatus.WITHDRAWN


@rules.predicate
def is_open_idea(person, idea) -> bool:
    return idea.is_open


@rules.predicate
def is_unanswered(person, idea) -> bool:
    return idea.status == IdeaStatus.SUBMITTED


@rules.predicate
def is_visible(person, idea) -> bool:
    return not idea.is_hidden


def merged_reason(verb: str):
    def reason(person, idea) -> str:
        target = idea.merged_into
        return _("This idea was merged into “%(title)s”. %(next)s") % {"title": target.title, "next": verb}

    return reason


def closed_reason(person, idea) -> str:
    if idea.is_hidden:
        return _("A moderator has hidden this idea.")
    return _("This idea is no longer open for support: its status is “%(status)s”.") % {
        "status": idea.get_status_display()
    }


register(
    Activity(
        name="submit_idea",
        label=gettext_lazy("submit ideas"),
        description=gettext_lazy("Submit ideas"),
        residents_only_possible=True,
    )
)

register(
    Activity(
        name="submit_idea_for_someone",
        label=gettext_lazy("enter ideas for people who took part offline"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                gettext_lazy("Only organisers and moderators can enter ideas for other people."),
            ),
        ),
    )
)

register(
    Activity(
        name="edit_idea",
        label=gettext_lazy("change this idea"),
        phased=False,
        who=(Check(is_author, gettext_lazy("Only the authors of an idea can change it.")),),
        when=(
            Check(is_visible, gettext_lazy("A moderator has hidden this idea.")),
            Check(
                is_unanswered, gettext_lazy("An idea cannot be changed once it has been answered, merged or withdrawn.")
            ),
        ),
    )
)

register(
    Activity(
        name="withdraw_idea",
        label=gettext_lazy("withdraw this idea"),
        phased=False,
        who=(Check(is_author, gettext_lazy("Only the authors of an idea can withdraw it.")),),
        when=(Check(is_open_idea, gettext_lazy("Only an idea that is still open can be withdrawn.")),),
    )
)

register(
    Activity(
        name="comment",
        label=gettext_lazy("comment on ideas"),
        description=gettext_lazy("Comment on ideas"),
        residents_only_possible=True,
        when=(
            Check(is_visible, gettext_lazy("A moderator has hidden this idea.")),
            Check(is_not_merged, merged_reason(gettext_lazy("Continue the discussion there."))),
        ),
    )
)

register(
    Activity(
        name="support",
        label=gettext_lazy("support ideas"),
        description=gettext_lazy("Support ideas"),
        residents_only_possible=True,
        when=(
            Check(is_not_merged, merged_reason(gettext_lazy("Support it there."))),
            Check(is_open_idea, closed_reason),
        ),
    )
)

register(
    Activity(
        name="follow",
        label=gettext_lazy("follow ideas"),
        phased=False,
    )
)

register(
    Activity(
        name="answer",
        label=gettext_lazy("answer ideas"),
        phased=False,
        who=(Check(is_organiser | is_evaluator, gettext_lazy("Only organisers and evaluators can answer ideas.")),),
        when=(
            Check(is_not_merged, merged_reason(gettext_lazy("Answer it there."))),
            Check(is_not_withdrawn, gettext_lazy("Its author withdrew this idea: it no longer needs an answer.")),
        ),
    )
)

register(
    Activity(
        name="merge",
        label=gettext_lazy("merge ideas"),
        phased=False,
        who=(Check(is_organiser | is_moderator, gettext_lazy("Only organisers and moderators can merge ideas.")),),
        when=(Check(is_not_merged, gettext_lazy("This idea has already been merged.")),),
    )
)

register(
    Activity(
        name="review_duplicates",
        label=gettext_lazy("review ideas that look like duplicates"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                gettext_lazy("Only organisers and moderators can review ideas that look like duplicates."),
            ),
        ),
    )
)


def _moderation_ideas():
    from cocreate.ideas.models import Idea

    return Idea.objects.select_related("space").prefetch_related("authorships__person")


def _moderation_comments():
    from cocreate.ideas.models import Comment

    return Comment.objects.select_related("author", "idea__space")


def register_moderation():
    from cocreate.ideas.models import Comment, Idea

    register_moderated("idea", Idea, _moderation_ideas)
    register_moderated("comment", Comment, _moderation_comments)


register_moderation()
