"""What people can do with an opinion map; each rule is declared here once and applied by `can()`."""

import rules
from django.utils.translation import gettext_lazy as _

from cocreate.opinions.models import Moderation
from cocreate.spaces.permissions import is_moderator, is_organiser
from cocreate.spaces.registry import Activity, Check, register


@rules.predicate
def is_open_for_votes(person, target) -> bool:
    """A space (nothing more to check) or a statement that is accepted and not hidden."""
    if not hasattr(target, "moderation"):
        return True
    return target.moderation == Moderation.ACCEPTED and not target.is_hidden


def closed_reason(person, statement) -> str:
    if statement.is_hidden or statement.moderation == Moderation.MODERATED_OUT:
        return str(_("A moderator has taken this statement out of the conversation: it can no longer be voted on."))
    return str(_("This statement is waiting for a moderator: you can vote on it once it is accepted."))


register(
    Activity(
        name="write_statement",
        label=_("write statements for the opinion map"),
        description=_("Write statements for the opinion map"),
        residents_only_possible=True,
    )
)

register(
    Activity(
        name="vote_statement",
        label=_("vote on statements"),
        description=_("Vote agree / disagree / pass on statements (opinion map)"),
        residents_only_possible=True,
        when=(Check(is_open_for_votes, closed_reason),),
    )
)

register(
    Activity(
        name="moderate_statements",
        label=_("moderate the statements of the opinion map"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                _("Only organisers and moderators can moderate statements."),
            ),
        ),
    )
)

register(
    Activity(
        name="seed_statements",
        label=_("add statements to start the opinion map"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                _("Only organisers and moderators can add seed statements or turn ideas and comments into statements."),
            ),
        ),
    )
)
