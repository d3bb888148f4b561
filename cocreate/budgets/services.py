"""Every write about participatory budgets. Each function checks the actor's permission with
`ensure_can`, validates (ValidationError with a message per field), runs in one transaction and
records what staff did. Ballots: the database's unique constraints make each voter's ballot
count once across channels and servers; the Python checks only give the friendly message."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person
from cocreate.algorithms.text import clean_text
from cocreate.budgets import ballots as ballot_rules
from cocreate.budgets.models import (
    Ballot,
    BallotKind,
    Budget,
    ChangeSuggestion,
    Channel,
    CountingRule,
    DeliveryStage,
    DeliveryUpdate,
    Project,
    ProjectFollow,
    ProjectStatus,
    SuggestionStatus,
    VoterRecord,
    VotingCode,
)
from cocreate.budgets.notices import tell_after_commit
from cocreate.spaces.models import Origin, Resident, Space, SpaceKind
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.spaces.services import log_action, normalise_reference

TITLE_MIN, TITLE_MAX = 5, 150
DESCRIPTION_MIN = 15
# Fields that decide how a budget is voted and counted: frozen with the first ballot.
RULE_FIELDS = ("amount", "ballot_kind", "min_projects", "max_projects", "min_spend_percent", "points", "counting_rule")
BUDGET_FIELDS = ("title", "description", "currency", "voters_district", "position", *RULE_FIELDS)


def _space_changed(space_id: int) -> None:
    """Pages showing the space (cached by version) must be rendered again."""
    Space.objects.filter(pk=space_id).update(version=F("version") + 1)


def _amount(value, field: str, errors: dict, *, required: bool = True) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors[field] = _("Enter an amount.")
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace(" ", ""))
    except InvalidOperation:
        errors[field] = _("Enter an amount in figures, e.g. 25000.")
        return None
    if not amount.is_finite() or amount <= 0:
        errors[field] = _("Enter an amount greater than zero.")
        return None
    if amount >= Decimal(10) ** 12:
        errors[field] = _("This amount is too large.")
        return None
    return amount.quantize(Decimal("0.01"))


# --- Budgets -------------------------------------------------------------------------------


def _clean_budget(fields: dict, current: Budget | None = None) -> dict:
    errors: dict = {}
    cleaned = {k: v for k, v in fields.items() if k in BUDGET_FIELDS}
    unknown = set(fields) - set(BUDGET_FIELDS)
    if unknown:
        raise TypeError(f"Unknown budget fields: {sorted(unknown)}")
    if "title" in cleaned or current is None:
        title = clean_text(cleaned.get("title", ""))
        if len(title) < 3:
            errors["title"] = _("Give the budget a name of at least 3 characters.")
        cleaned["title"] = title[:200]
    if "amount" in cleaned or current is None:
        cleaned["amount"] = _amount(cleaned.get("amount"), "amount", errors)
    if "currency" in cleaned:
        currency = str(cleaned["currency"]).strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            errors["currency"] = _("Use a three-letter currency code such as EUR, BRL or GBP.")
        cleaned["currency"] = currency
    if "ballot_kind" in cleaned and cleaned["ballot_kind"] not in BallotKind.values:
        errors["ballot_kind"] = _("Choose one of the kinds of ballot offered.")
    if "counting_rule" in cleaned and cleaned["counting_rule"] not in CountingRule.values:
        errors["counting_rule"] = _("Choose one of the counting rules offered.")
    merged = {f: getattr(current, f) if current else Budget._meta.get_field(f).get_default() for f in RULE_FIELDS}
    merged.update({k: v for k, v in cleaned.items() if k in RULE_FIELDS})
    try:
        min_projects = int(merged["min_projects"] or 0)
        max_projects = int(merged["max_projects"]) if merged["max_projects"] not in (None, "") else None
        min_spend = int(merged["min_spend_percent"] or 0)
        points = int(merged["points"] or 0)
    except (TypeError, ValueError):
        errors["min_projects"] = _("Enter whole numbers.")
    else:
        if min_projects < 0 or min_projects > 1000:
            errors["min_projects"] = _("Enter a number between 0 and 1000.")
        if max_projects is not None and (max_projects < max(min_projects, 1) or max_projects > 1000):
            errors["max_projects"] = _("The most projects on a ballot cannot be fewer than the fewest.")
        if not 0 <= min_spend <= 100:
            errors["min_spend_percent"] = _("Enter a percentage between 0 and 100.")
        if merged["ballot_kind"] == BallotKind.CUMULATIVE and not 1 <= points <= 1000:
            errors["points"] = _("Give voters between 1 and 1000 points to share out.")
        for name, value in (("min_projects", min_projects), ("min_spend_percent", min_spend), ("points", points)):
            if name in cleaned:
                cleaned[name] = value
        if "max_projects" in cleaned:
            cleaned["max_projects"] = max_projects
    if "voters_district" in cleaned:
        cleaned["voters_district"] = " ".join(str(cleaned["voters_district"] or "").split())[:120]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def budget_create(*, person: Person, space: Space, **fields) -> Budget:
    ensure_can(person, "manage_budget", space)
    if space.kind != SpaceKind.BUDGET:
        raise ValidationError(_("Budgets can be added only to participatory budget spaces."))
    cleaned = _clean_budget(fields)
    budget = Budget.objects.create(space=space, **cleaned)
    log_action(actor=person, action="budget_create", space=space, target=budget)
    _space_changed(space.pk)
    return budget


@transaction.atomic
def budget_update(*, person: Person, budget: Budget, **fields) -> Budget:
    budget = Budget.objects.select_for_update().select_related("space").get(pk=budget.pk)
    ensure_can(person, "manage_budget", budget)
    cleaned = _clean_budget(fields, current=budget)
    changed_rules = [f for f in RULE_FIELDS if f in cleaned and cleaned[f] != getattr(budget, f)]
    if changed_rules:
        ensure_can(person, "change_budget_rules", budget)
    for name, value in cleaned.items():
        setattr(budget, name, value)
    budget.save()
    log_action(actor=person, action="budget_update", space=budget.space, target=budget, changed=sorted(cleaned))
    _space_changed(budget.space_id)
    return budget


# --- Projects ------------------------------------------------------------------------------

PROJECT_TEXT = ("benefits", "disruption", "schedule", "place_name", "category", "district")


def _clean_project(fields: dict) -> dict:
    errors: dict = {}
    title = clean_text(fields.get("title", ""))
    description = clean_text(fields.get("description", ""))
    if len(title) < TITLE_MIN:
        errors["title"] = _("Write a title of at least %(n)s characters.") % {"n": TITLE_MIN}
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Keep the title under %(n)s characters.") % {"n": TITLE_MAX}
    if len(description) < DESCRIPTION_MIN:
        errors["description"] = _("Describe the project in at least %(n)s characters.") % {"n": DESCRIPTION_MIN}
    elif len(description) > 10000:
        errors["description"] = _("Keep the description under 10,000 characters.")
    cost = _amount(fields.get("cost"), "cost", errors)
    cleaned = {"title": title, "description": description, "cost": cost}
    limits = {"schedule": 300, "place_name": 200, "category": 80, "district": 120, "benefits": 5000, "disruption": 5000}
    for name in PROJECT_TEXT:
        value = clean_text(fields.get(name, "") or "")
        if len(value) > limits[name]:
            errors[name] = _("Keep this under %(n)s characters.") % {"n": limits[name]}
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def project_propose(
    *, person: Person, budget: Budget, on_behalf_of: str = "", event_name: str = "", **fields
) -> Project:
    """A citizen (or staff, for someone who proposed at a meeting) proposes a project."""
    if on_behalf_of or event_name:
        ensure_can(person, "manage_budget", budget)
    else:
        ensure_can(person, "propose_project", budget)
    cleaned = _clean_project(fields)
    if cleaned["cost"] > budget.amount:
        raise ValidationError(
            {
                "cost": _("The cost is more than the whole budget (%(amount)s).")
                % {"amount": ballot_rules.money(budget.amount, budget.currency)}
            }
        )
    project = Project.objects.create(
        space=budget.space,
        budget=budget,
        proposed_by=None if on_behalf_of else person,
        proposer_name=clean_text(on_behalf_of or "")[:200],
        origin=Origin.ON_BEHALF if on_behalf_of else (Origin.EVENT if event_name else Origin.ONLINE),
        event_name=clean_text(event_name)[:200],
        entered_by=person if (on_behalf_of or event_name) else None,
        **cleaned,
    )
    if not on_behalf_of:
        ProjectFollow.objects.get_or_create(project=project, person=person)
        Project.objects.filter(pk=project.pk).update(followers_count=1)
    _space_changed(budget.space_id)
    return project


@transaction.atomic
def project_update(*, person: Person, project: Project, **fields) -> Project:
    """Staff correct a project while it is reviewed (e.g. after accepting a suggested change)."""
    project = Project.objects.select_for_update().select_related("budget", "space").get(pk=project.pk)
    ensure_can(person, "review_project", project)
    current = {name: getattr(project, name) for name in ("title", "description", "cost", *PROJECT_TEXT)}
    cleaned = _clean_project({**current, **fields})
    for name, value in cleaned.items():
        setattr(project, name, value)
    project.save()
    log_action(actor=person, action="project_update", space=project.space, target=project, changed=sorted(fields))
    _space_changed(project.space_id)
    return project


@transaction.atomic
def project_review(*, person: Person, project: Project, feasible: bool, note: str = "", cost_estimate=None) -> Project:
    """Staff decide whether a project can go on the ballot, with their cost estimate. A project
    found not feasible gets a public reason."""
    project = Project.objects.select_for_update().select_related("budget", "space").get(pk=project.pk)
    ensure_can(person, "review_project", project)
    errors: dict = {}
    note = clean_text(note or "")
    estimate = _amount(cost_estimate, "cost_estimate", errors, required=False)
    if not feasible and len(note) < 10:
        errors["note"] = _("Explain in a sentence or two why the project is not feasible: the proposer will read it.")
    if feasible and estimate is not None and estimate > project.budget.amount:
        errors["cost_estimate"] = _("The estimate is more than the whole budget.")
    if errors:
        raise ValidationError(errors)
    project.status = ProjectStatus.FEASIBLE if feasible else ProjectStatus.NOT_FEASIBLE
    project.reviewed_cost = estimate
    project.review_note = note
    project.reviewed_by, project.reviewed_at = person, timezone.now()
    project.save(update_fields=["status", "reviewed_cost", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    log_action(actor=person, action="project_review", space=project.space, target=project, feasible=feasible)
    _space_changed(project.space_id)
    tell_after_commit("project_reviewed", project, actor=person, feasible=feasible)
    return project


@transaction.atomic
def project_withdraw(*, person: Person, project: Project) -> Project:
    ensure_can(person, "withdraw_project", project)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.WITHDRAWN, updated_at=timezone.now())
    project.status = ProjectStatus.WITHDRAWN
    _space_changed(project.space_id)
    return project


@transaction.atomic
def project_follow(*, person: Person, project: Project) -> bool:
    ensure_can(person, "follow_project", project)
    _follow, created = ProjectFollow.objects.get_or_create(project=project, person=person)
    if created:
        Project.objects.filter(pk=project.pk).update(followers_count=F("followers_count") + 1)
    return created


@transaction.atomic
def project_unfollow(*, person: Person, project: Project) -> bool:
    ensure_can(person, "follow_project", project)
    deleted, _detail = ProjectFollow.objects.filter(project=project, person=person).delete()
    if deleted:
        Project.objects.filter(pk=project.pk).update(followers_count=F("followers_count") - 1)
    return bool(deleted)


# --- Suggested changes ---------------------------------------------------------------------


@transaction.atomic
def suggestion_create(*, person: Person, project: Project, body: str) -> ChangeSuggestion:
    ensure_can(person, "suggest_change", project)
    body = clean_text(body or "")
    if len(body) < 10:
        raise ValidationError({"body": _("Describe the change you suggest in at least 10 characters.")})
    if len(body) > 3000:
        raise ValidationError({"body": _("Keep your suggestion under 3,000 characters.")})
    suggestion = ChangeSuggestion.objects.create(space=project.space, project=project, author=person, body=body)
    _follow, created = ProjectFollow.objects.get_or_create(project=project, person=person)
    if created:
        Project.objects.filter(pk=project.pk).update(followers_count=F("followers_count") + 1)
    _space_changed(project.space_id)
    return suggestion


@transaction.atomic
def suggestion_decide(
    *, person: Person, suggestion: ChangeSuggestion, accept: bool, response: str = ""
) -> ChangeSuggestion:
    """Staff accept or decline a suggested change, in public; declining needs a reason."""
    suggestion = ChangeSuggestion.objects.select_for_update().select_related("project", "space").get(pk=suggestion.pk)
    ensure_can(person, "decide_suggestion", suggestion)
    response = clean_text(response or "")
    if not accept and len(response) < 10:
        raise ValidationError({"response": _("Say in a sentence or two why the suggestion is declined.")})
    suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DECLINED
    suggestion.response, suggestion.decided_by, suggestion.decided_at = response, person, timezone.now()
    suggestion.save(update_fields=["status", "response", "decided_by", "decided_at", "updated_at"])
    log_action(actor=person, action="suggestion_decide", space=suggestion.space, target=suggestion, accept=accept)
    _space_changed(suggestion.space_id)
    tell_after_commit(
        "suggestion_decided",
        suggestion.project,
        actor=person,
        accepted=accept,
        recipient_ids=[suggestion.author_id] if suggestion.author_id else [],
    )
    return suggestion


# --- Ballots -------------------------------------------------------------------------------


def ballot_projects(budget: Budget) -> dict[int, Project]:
    """The projects on the budget's ballot, by id."""
    return {p.pk: p for p in budget.projects.filter(status=ProjectStatus.FEASIBLE, hidden_at__isnull=True)}


def _freeze_rules(budget: Budget) -> None:
    Budget.objects.filter(pk=budget.pk, rules_frozen_at__isnull=True).update(rules_frozen_at=timezone.now())


def _verified_entry(person: Person, space: Space) -> Resident | None:
    return Resident.objects.filter(space=space, person=person, verified_at__isnull=False).first()


def own_ballot(*, person: Person, budget: Budget) -> Ballot | None:
    """The person's own online ballot in this budget, while it can still be changed."""
    if not person.is_authenticated:
        return None
    return Ballot.objects.filter(budget=budget, change_key=ballot_rules.change_key(budget.pk, person.pk)).first()


def has_voted(*, person: Person, budget: Budget) -> bool:
    if not person.is_authenticated:
        return False
    return VoterRecord.objects.filter(budget=budget, person=person).exists()


@transaction.atomic
def ballot_cast(*, person: Person, budget: Budget, choices: list[tuple[int, int]]) -> tuple[Ballot, bool]:
    """Cast (or, until the vote closes, change) one's own ballot online. Returns the ballot and
    whether it was new. What was chosen is stored apart from the record that the person voted."""
    budget = Budget.objects.select_for_update().select_related("space").get(pk=budget.pk)
    ensure_can(person, "vote", budget)
    summary = ballot_rules.ballot_check(budget, ballot_projects(budget), choices)
    key = ballot_rules.change_key(budget.pk, person.pk)
    existing = Ballot.objects.select_for_update().filter(budget=budget, change_key=key).first()
    if existing is not None:
        existing.choices = summary.choices
        existing.save(update_fields=["choices"])
        return existing, False
    entry = _verified_entry(person, budget.space)
    try:
        with transaction.atomic():
            VoterRecord.objects.create(budget=budget, person=person, resident=entry, channel=Channel.ONLINE)
    except IntegrityError:
        raise Refused(refuse(_already_voted(budget, person=person)))
    _freeze_rules(budget)
    ballot = Ballot.objects.create(
        budget=budget, choices=summary.choices, change_key=key, attributes=_attributes(entry)
    )
    return ballot, True


def _already_voted(budget: Budget, *, person: Person | None = None, resident: Resident | None = None) -> str:
    record = VoterRecord.objects.filter(budget=budget)
    record = record.filter(person=person) if person is not None else record.filter(resident=resident)
    channel = record.values_list("channel", flat=True).first()
    if channel in (Channel.CODE, Channel.PAPER):
        return _(
            "A ballot has already been entered for this voter at a meeting or on paper. Each voter has one ballot."
        )
    return _("A ballot has already been cast for this voter in “%(budget)s”. Each voter has one ballot.") % {
        "budget": budget.title
    }


def _attributes(entry: Resident | None) -> dict:
    """What a ballot keeps about its voter for aggregate figures (never shown for fewer than
    10 ballots): the district and the extra columns of the residents list."""
    if entry is None:
        return {}
    attributes = dict(entry.attributes or {})
    if entry.district:
        attributes["district"] = entry.district
    return attributes


@transaction.atomic
def ballot_enter(
    *,
    person: Person,
    budget: Budget,
    choices: list[tuple[int, int]],
    code: str = "",
    reference: str = "",
) -> Ballot:
    """Staff enter a ballot cast at a meeting: with the voter's one-time voting code, or on
    paper for an entry of the residents list. Which staff member entered it is recorded."""
    budget = Budget.objects.select_for_update().select_related("space").get(pk=budget.pk)
    ensure_can(person, "enter_ballot", budget)
    voting_code = None
    if code:
        voting_code = (
            VotingCode.objects.select_for_update()
            .select_related("resident")
            .filter(budget=budget, code_hash=ballot_rules.code_hash(budget.pk, code))
            .first()
        )
        if voting_code is None:
            raise ValidationError(
                {"code": _("This voting code does not exist for this budget. Check it and try again.")}
            )
        if voting_code.used_at:
            raise ValidationError({"code": _("This voting code has already been used. Each code can be used once.")})
        resident, channel = voting_code.resident, Channel.CODE
    elif reference:
        resident = Resident.objects.filter(space=budget.space, reference=normalise_reference(reference)).first()
        if resident is None:
            raise ValidationError({"reference": _("No one with this reference is on the residents list.")})
        channel = Channel.PAPER
    else:
        raise ValidationError({"code": _("Enter the voter's voting code, or their reference for a paper ballot.")})
    if budget.voters_district and resident.district.casefold() != budget.voters_district.casefold():
        raise ValidationError(
            {
                "reference": _("This voter lives in %(theirs)s, not %(district)s: they cannot vote in this budget.")
                % {"theirs": resident.district or _("another district"), "district": budget.voters_district}
            }
        )
    summary = ballot_rules.ballot_check(budget, ballot_projects(budget), choices)
    try:
        with transaction.atomic():
            VoterRecord.objects.create(
                budget=budget, person=resident.person, resident=resident, channel=channel, entered_by=person
            )
    except IntegrityError:
        raise Refused(refuse(_already_voted(budget, resident=resident)))
    if voting_code is not None:
        VotingCode.objects.filter(pk=voting_code.pk).update(used_at=timezone.now(), used_by=person)
    _freeze_rules(budget)
    ballot = Ballot.objects.create(budget=budget, choices=summary.choices, attributes=_attributes(resident))
    log_action(actor=person, action="ballot_enter", space=budget.space, target=budget, channel=channel)
    return ballot


@transaction.atomic
def voting_codes_issue(*, person: Person, budget: Budget) -> list[tuple[Resident, str]]:
    """Issue a one-time voting code to every entry of the residents list who may vote in this
    budget and has neither a code nor a ballot yet. The codes are returned once (to print);
    only their keyed hashes are kept."""
    ensure_can(person, "manage_budget", budget)
    residents = Resident.objects.filter(space=budget.space).order_by("reference")
    if budget.voters_district:
        residents = residents.filter(district__iexact=budget.voters_district)
    has_code = VotingCode.objects.filter(budget=budget).values("resident_id")
    voted = VoterRecord.objects.filter(budget=budget, resident__isnull=False).values("resident_id")
    issued = []
    rows = []
    for resident in residents.exclude(pk__in=has_code).exclude(pk__in=voted):
        code = ballot_rules.new_voting_code()
        rows.append(
            VotingCode(
                budget=budget, resident=resident, code_hash=ballot_rules.code_hash(budget.pk, code), issued_by=person
            )
        )
        issued.append((resident, ballot_rules.format_code(code)))
    VotingCode.objects.bulk_create(rows, batch_size=1000)
    log_action(actor=person, action="voting_codes_issue", space=budget.space, target=budget, issued=len(rows))
    return issued


def ballots_seal(*, now=None) -> int:
    """Erase the keys that let voters change their ballots, in every budget whose vote has
    closed: from then on nothing links a ballot to anyone. Run by the scheduler and by every
    count. Returns how many keys were erased."""
    from cocreate.spaces.permissions import open_activities

    erased = 0
    budget_ids = Ballot.objects.filter(change_key__isnull=False).values_list("budget_id", flat=True).distinct()
    for budget in Budget.objects.filter(pk__in=list(budget_ids)).select_related("space"):
        if "vote" not in open_activities(budget.space, now):
            erased += Ballot.objects.filter(budget=budget, change_key__isnull=False).update(change_key=None)
    return erased


# --- Counting and delivery -----------------------------------------------------------------


@transaction.atomic
def budget_count(*, person: Person, budget: Budget) -> dict:
    """Count the ballots with the budget's rule, store and publish the results, and mark each
    project funded or not. Counting again gives the same result (the rules are deterministic)."""
    from cocreate.budgets.results import count_budget

    budget = Budget.objects.select_for_update().select_related("space").get(pk=budget.pk)
    ensure_can(person, "count_votes", budget)
    ballots_seal()
    results = count_budget(budget)
    now = timezone.now()
    Budget.objects.filter(pk=budget.pk).update(results=results, counted_at=now, results_published_at=now)
    funded = [int(pid) for pid in results["funded"]]
    on_ballot = budget.projects.filter(
        status__in=[ProjectStatus.FEASIBLE, ProjectStatus.FUNDED, ProjectStatus.NOT_FUNDED]
    )
    on_ballot.filter(pk__in=funded).update(status=ProjectStatus.FUNDED)
    on_ballot.exclude(pk__in=funded).update(status=ProjectStatus.NOT_FUNDED)
    budget.results, budget.counted_at, budget.results_published_at = results, now, now
    log_action(actor=person, action="budget_count", space=budget.space, target=budget, funded=len(funded))
    _space_changed(budget.space_id)
    for project in budget.projects.filter(pk__in=funded):
        tell_after_commit("project_funded", project, actor=person)
    return results


@transaction.atomic
def delivery_update_post(
    *,
    person: Person,
    project: Project,
    stage: str,
    progress,
    body: str,
    milestone: str = "",
    attachment=None,
    attachment_caption: str = "",
) -> DeliveryUpdate:
    """A manager tells how a funded project is going; its followers are told."""
    project = Project.objects.select_for_update().select_related("budget", "space").get(pk=project.pk)
    ensure_can(person, "post_delivery_update", project)
    errors: dict = {}
    if stage not in DeliveryStage.values:
        errors["stage"] = _("Choose the stage the project has reached.")
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        progress = -1
    if not 0 <= progress <= 100:
        errors["progress"] = _("Enter the progress as a whole number between 0 and 100.")
    body = clean_text(body or "")
    if len(body) < 10:
        errors["body"] = _("Say in a sentence or two what has happened.")
    if attachment is not None:
        name = attachment.name.lower()
        if not name.endswith((".jpg", ".jpeg", ".png", ".webp", ".pdf")):
            errors["attachment"] = _("Attach a photo (JPEG, PNG or WebP) or a PDF document.")
        elif attachment.size > 10 * 1024 * 1024:
            errors["attachment"] = _("The file is larger than 10 MB.")
    if errors:
        raise ValidationError(errors)
    update = DeliveryUpdate.objects.create(
        project=project,
        author=person,
        stage=stage,
        progress=progress,
        milestone=clean_text(milestone or "")[:200],
        body=body,
        attachment=attachment or "",
        attachment_caption=clean_text(attachment_caption or "")[:200],
    )
    Project.objects.filter(pk=project.pk).update(delivery_stage=stage, progress=progress, updated_at=timezone.now())
    log_action(actor=person, action="delivery_update", space=project.space, target=project, progress=progress)
    _space_changed(project.space_id)
    tell_after_commit("delivery_update", project, actor=person, update_id=update.pk)
    return update
