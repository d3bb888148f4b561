"""What people can do in a participatory budget; each rule is declared here once and applied by
`can()`. Targets: a budget (vote, propose, manage), a project (review, suggest, follow,
update), a suggested change (decide)."""

import rules
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreate.budgets.models import ProjectStatus, SuggestionStatus
from cocreate.spaces.models import Resident
from cocreate.spaces.permissions import (
    is_evaluator,
    is_moderator,
    is_organiser,
    is_visible_content,
    open_activities,
    signed_in,
)
from cocreate.spaces.registry import Activity, Check, register, register_moderated


def _budget(target):
    return getattr(target, "budget", target)


def residence_district(person, space) -> str | None:
    """The district of the person's verified entry in the space's residents list, or None."""
    if not signed_in(person):
        return None
    memo = person.__dict__.setdefault("_cocreate_district", {})
    if space.pk not in memo:
        row = (
            Resident.objects.filter(space=space, person=person, verified_at__isnull=False)
            .values_list("district", flat=True)
            .first()
        )
        memo[space.pk] = row
    return memo[space.pk]


@rules.predicate
def lives_in_budget_district(person, target) -> bool:
    budget = _budget(target)
    if not budget.voters_district:
        return True
    district = residence_district(person, budget.space)
    return district is not None and district.casefold() == budget.voters_district.casefold()


def district_reason(person, target) -> str:
    budget = _budget(target)
    if residence_district(person, budget.space) is None:
        return _(
            "Only verified residents of %(district)s can vote in this budget. Verify that you live here first."
        ) % {"district": budget.voters_district}
    return _("Only residents of %(district)s can vote in this budget.") % {"district": budget.voters_district}


@rules.predicate
def voting_is_open(person, target) -> bool:
    return "vote" in open_activities(_budget(target).space)


def _vote_phases(budget):
    return [p for p in budget.space.phase_list() if "vote" in p.activities]


@rules.predicate
def voting_not_upcoming(person, target) -> bool:
    """Counting is possible once every vote phase has ended (or when there is none: ballots
    imported or entered from paper only)."""
    now = timezone.now()
    return not any(p.starts_at > now for p in _vote_phases(_budget(target)))


@rules.predicate
def is_not_withdrawn(person, project) -> bool:
    return project.status != ProjectStatus.WITHDRAWN


@rules.predicate
def is_on_ballot(person, project) -> bool:
    return project.status == ProjectStatus.FEASIBLE


@rules.predicate
def is_still_proposed(person, project) -> bool:
    return project.status in (ProjectStatus.PROPOSED, ProjectStatus.FEASIBLE, ProjectStatus.NOT_FEASIBLE)


@rules.predicate
def was_funded(person, project) -> bool:
    return project.status == ProjectStatus.FUNDED


@rules.predicate
def is_open_suggestion(person, suggestion) -> bool:
    return suggestion.status == SuggestionStatus.OPEN


@rules.predicate
def is_proposer(person, project) -> bool:
    return signed_in(person) and project.proposed_by_id == person.pk


@rules.predicate
def rules_not_frozen(person, budget) -> bool:
    return budget.rules_frozen_at is None


register(
    Activity(
        name="propose_project",
        label=gettext_lazy("propose projects"),
        description=gettext_lazy("Propose budget projects"),
        residents_only_possible=True,
    )
)

register(
    Activity(
        name="suggest_change",
        label=gettext_lazy("suggest changes to projects"),
        description=gettext_lazy("Suggest changes to budget projects"),
        residents_only_possible=True,
        when=(
            Check(is_visible_content, gettext_lazy("A moderator has hidden this project.")),
            Check(is_not_withdrawn, gettext_lazy("Its proposer withdrew this project.")),
            Check(
                is_still_proposed,
                gettext_lazy("Changes can be suggested only before the vote is counted."),
            ),
        ),
    )
)

register(
    Activity(
        name="vote",
        label=gettext_lazy("vote for projects"),
        description=gettext_lazy("Vote in the budgets"),
        residents_only_possible=True,
        who=(Check(lives_in_budget_district, district_reason),),
    )
)

register(
    Activity(
        name="withdraw_project",
        label=gettext_lazy("withdraw this project"),
        phased=False,
        who=(Check(is_proposer, gettext_lazy("Only the person who proposed a project can withdraw it.")),),
        when=(
            Check(
                lambda person, project: project.status == ProjectStatus.PROPOSED,
                gettext_lazy("A project can be withdrawn only before it is reviewed."),
            ),
        ),
    )
)

register(
    Activity(
        name="review_project",
        label=gettext_lazy("review projects"),
        phased=False,
        who=(Check(is_organiser | is_evaluator, gettext_lazy("Only organisers and evaluators can review projects.")),),
        when=(
            Check(
                lambda person, project: (
                    project.status in (ProjectStatus.PROPOSED, ProjectStatus.FEASIBLE, ProjectStatus.NOT_FEASIBLE)
                ),
                gettext_lazy("This project can no longer be reviewed: the vote has been counted or it was withdrawn."),
            ),
            Check(
                lambda person, project: (
                    project.budget.rules_frozen_at is None or project.status != ProjectStatus.FEASIBLE
                ),
                gettext_lazy("Voting has started: projects on the ballot can no longer change."),
            ),
        ),
    )
)

register(
    Activity(
        name="decide_suggestion",
        label=gettext_lazy("accept or decline suggested changes"),
        phased=False,
        who=(Check(is_organiser | is_evaluator, gettext_lazy("Only organisers and evaluators can decide on this.")),),
        when=(Check(is_open_suggestion, gettext_lazy("This suggestion has already been decided.")),),
    )
)

register(
    Activity(
        name="manage_budget",
        label=gettext_lazy("manage the budgets"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can manage its budgets.")),),
    )
)

register(
    Activity(
        name="change_budget_rules",
        label=gettext_lazy("change how this budget is voted and counted"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can manage its budgets.")),),
        when=(
            Check(
                rules_not_frozen,
                gettext_lazy("The first ballot has been cast: the ballot and counting rules can no longer change."),
            ),
        ),
    )
)

register(
    Activity(
        name="enter_ballot",
        label=gettext_lazy("enter ballots cast on paper or with a voting code"),
        phased=False,
        who=(
            Check(
                is_organiser | is_moderator,
                gettext_lazy("Only organisers and moderators can enter ballots for voters."),
            ),
        ),
        when=(Check(voting_is_open, gettext_lazy("Voting is not open at the moment.")),),
    )
)

register(
    Activity(
        name="count_votes",
        label=gettext_lazy("count the votes"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can count the votes.")),),
        when=(
            Check(~voting_is_open, gettext_lazy("The votes can be counted once voting has closed.")),
            Check(voting_not_upcoming, gettext_lazy("Voting has not started yet: there is nothing to count.")),
        ),
    )
)

register(
    Activity(
        name="post_delivery_update",
        label=gettext_lazy("post delivery updates"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can post delivery updates.")),),
        when=(Check(was_funded, gettext_lazy("Only funded projects have delivery updates.")),),
    )
)

register(Activity(name="follow_project", label=gettext_lazy("follow projects"), phased=False))


def _moderation_projects():
    from cocreate.budgets.models import Project

    return Project.objects.select_related("space", "proposed_by")


def _moderation_suggestions():
    from cocreate.budgets.models import ChangeSuggestion

    return ChangeSuggestion.objects.select_related("space", "author", "project")


def register_moderation():
    from cocreate.budgets.models import ChangeSuggestion, Project

    register_moderated("project", Project, _moderation_projects)
    register_moderated("suggestion", ChangeSuggestion, _moderation_suggestions)


register_moderation()
