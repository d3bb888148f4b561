"""Condensing: staff group related ideas into condensed proposals, the public votes on them by
sub-theme, and the authors of the originals inside the top ones are invited to co-design.

Targets: the space or a condensed proposal (condense, vote_condensed), the space
(invite_co_design). Answering a co-design invitation is for the invited person only: the
service checks that, as it is not something a phase opens or a role grants."""

import rules
from django.utils.translation import gettext_lazy

from cocreate.spaces.permissions import is_moderator, is_organiser, is_visible_content, open_activities, space_of
from cocreate.spaces.registry import Activity, Check, register


@rules.predicate
def condensed_vote_not_open(person, target) -> bool:
    """Invitations follow the result: while the vote is open the top proposals may still change."""
    return "vote_condensed" not in open_activities(space_of(target))


register(
    Activity(
        name="condense",
        label=gettext_lazy("group ideas into condensed proposals"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                gettext_lazy("Only organisers and moderators can group ideas into condensed proposals."),
            ),
        ),
    )
)

register(
    Activity(
        name="vote_condensed",
        label=gettext_lazy("vote for condensed proposals"),
        description=gettext_lazy("Vote for condensed proposals, by sub-theme"),
        residents_only_possible=True,
        when=(Check(is_visible_content, gettext_lazy("This condensed proposal has been withdrawn by the staff.")),),
    )
)

register(
    Activity(
        name="invite_co_design",
        label=gettext_lazy("invite the authors of the top proposals to co-design"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can send co-design invitations.")),),
        when=(
            Check(
                condensed_vote_not_open,
                gettext_lazy("The vote on condensed proposals is still open. Send the invitations once it has closed."),
            ),
        ),
    )
)
