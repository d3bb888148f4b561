"""Starting a challenge from a template and running it: its settings, its team composition
rules and its catalogue of open datasets. Each function checks the actor's permission,
validates with a clear message per field, and runs in one transaction."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cocreate.accounts.models import Organisation, OrganisationKind, Person
from cocreate.algorithms.text import clean_text
from cocreate.challenges.models import Challenge, ChallengeTemplate, CompositionRule, Dataset, RuleMatch
from cocreate.challenges.services.cached_pages import space_changed
from cocreate.challenges.templates_catalogue import plan_for
from cocreate.spaces.models import Phase, Space, SpaceKind, Visibility
from cocreate.spaces.permissions import ensure_can
from cocreate.spaces.services import _moment, log_action, space_create
from cocreate.web.text_fields import web_address

# A dataset file may be large, but not unboundedly: bigger data belongs on a data portal.
DATASET_MAX_BYTES = 50 * 1024 * 1024
SETTING_FIELDS = ("team_min_size", "team_max_size", "one_team_per_person", "votes_per_theme", "co_design_places")


@transaction.atomic
def challenge_start(
    *,
    person: Person,
    organisation: Organisation,
    template: str,
    title: str,
    summary: str,
    question: str = "",
    starts_at: datetime,
    description: str = "",
    target_community: str = "",
    visibility: str = Visibility.PUBLIC,
    partners: list[Organisation] | tuple = (),
    parent: Space | None = None,
) -> Challenge:
    """Open a challenge space for `organisation` (and its partners) from a template: its dated
    phases with their activities, its settings and its starting team composition rules. Staff
    then adapt the phases on the phase pages and the rest on the challenge's settings page."""
    ensure_can(person, "start_challenge", organisation)
    if template not in ChallengeTemplate.values:
        raise ValidationError({"template": _("Choose the kind of challenge to start from.")})
    if starts_at is None:
        raise ValidationError({"starts_at": _("Enter when the challenge starts.")})
    plan = plan_for(template)
    if starts_at.year > 9000:  # its phases would end after the last date a calendar holds
        raise ValidationError({"starts_at": _("Enter a start date before the year 9000.")})
    space = space_create(
        person=person,
        organisations=[organisation, *[p for p in partners if p.pk != organisation.pk]],
        parent=parent,
        kind=SpaceKind.CHALLENGE,
        title=title,
        summary=summary,
        question=question,
        description=description,
        target_community=target_community,
        visibility=visibility,
    )
    # The space's Challenge row exists already (cocreate/challenges/receivers.py): set it up.
    challenge, _created = Challenge.objects.update_or_create(
        space=space, defaults={"template": template, "created_by": person, **plan.settings}
    )
    start = _moment(starts_at)
    # The template is trusted data: its phases are created as they are (the phase pages check
    # what staff change afterwards).
    Phase.objects.bulk_create(
        [
            Phase(
                space=space,
                title=str(phase.title),
                description=str(phase.description),
                starts_at=start + timedelta(days=phase.starts_after_days),
                ends_at=start + timedelta(days=phase.starts_after_days + phase.lasts_days),
                activities=list(phase.activities),
            )
            for phase in plan.phases
        ]
    )
    CompositionRule.objects.bulk_create(
        [
            CompositionRule(
                challenge=challenge, label=str(rule.label), minimum=rule.minimum, match=rule.match, value=rule.value
            )
            for rule in plan.rules
        ]
    )
    space.touch()
    log_action(actor=person, action="challenge_start", space=space, target=challenge, template=template)
    return challenge


def _whole(value, field: str, errors: dict, *, low: int, high: int, required: bool = True) -> int | None:
    if value in (None, ""):
        if required:
            errors[field] = _("Enter a number.")
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[field] = _("Enter a whole number.")
        return None
    if not low <= number <= high:
        errors[field] = _("Enter a number between %(low)s and %(high)s.") % {"low": low, "high": high}
        return None
    return number


@transaction.atomic
def challenge_update(*, person: Person, challenge: Challenge, **fields) -> Challenge:
    """Change the challenge's settings: team sizes, one team per person, votes per sub-theme,
    co-design places. Teams already formed keep their members; the sizes apply to new joins."""
    challenge = Challenge.objects.select_for_update().select_related("space").get(pk=challenge.pk)
    ensure_can(person, "manage_challenge", challenge.space)
    unknown = set(fields) - set(SETTING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown challenge fields: {sorted(unknown)}")
    errors: dict = {}
    values = {name: getattr(challenge, name) for name in SETTING_FIELDS}
    if "team_min_size" in fields:
        values["team_min_size"] = _whole(fields["team_min_size"], "team_min_size", errors, low=1, high=100)
    if "team_max_size" in fields:
        values["team_max_size"] = _whole(
            fields["team_max_size"], "team_max_size", errors, low=1, high=100, required=False
        )
    if "votes_per_theme" in fields:
        values["votes_per_theme"] = _whole(fields["votes_per_theme"], "votes_per_theme", errors, low=1, high=100)
    if "co_design_places" in fields:
        values["co_design_places"] = _whole(fields["co_design_places"], "co_design_places", errors, low=0, high=100)
    if "one_team_per_person" in fields:
        values["one_team_per_person"] = bool(fields["one_team_per_person"])
    smallest, largest = values["team_min_size"], values["team_max_size"]
    if not errors and largest is not None and smallest is not None and largest < smallest:
        errors["team_max_size"] = _("The largest team cannot be smaller than the smallest (%(n)s).") % {"n": smallest}
    if errors:
        raise ValidationError(errors)
    changed = [name for name in SETTING_FIELDS if getattr(challenge, name) != values[name]]
    for name in changed:
        setattr(challenge, name, values[name])
    if changed:
        challenge.save(update_fields=changed)
        log_action(actor=person, action="challenge_update", space=challenge.space, target=challenge, changed=changed)
        space_changed(challenge.space_id)
    return challenge


@transaction.atomic
def composition_rule_add(
    *, person: Person, challenge: Challenge, label: str, match: str, value: str, minimum: int = 1
) -> CompositionRule:
    """“Every team has at least one digital specialist”: teams are told what they still need,
    and cannot enter until they meet it."""
    ensure_can(person, "manage_challenge", challenge.space)
    errors: dict = {}
    label, value = clean_text(label or ""), " ".join(str(value or "").split())
    if not label:
        errors["label"] = _("Say in plain words who the team needs, e.g. “a digital specialist”.")
    elif len(label) > 120:
        errors["label"] = _("Keep this under 120 characters.")
    if match not in RuleMatch.values:
        errors["match"] = _("Choose how a member counts for this rule.")
    elif match == RuleMatch.ORGANISATION_KIND and value not in OrganisationKind.values:
        errors["value"] = _("Choose one of the kinds of organisation: %(kinds)s.") % {
            "kinds": ", ".join(str(label) for label in OrganisationKind.labels)
        }
    elif not value:
        errors["value"] = _("Enter the skill or field of expertise, as people write it on their profile.")
    elif len(value) > 120:
        errors["value"] = _("Keep this under 120 characters.")
    count = _whole(minimum, "minimum", errors, low=1, high=50)
    if errors:
        raise ValidationError(errors)
    rule = CompositionRule.objects.create(challenge=challenge, label=label, match=match, value=value, minimum=count)
    log_action(actor=person, action="composition_rule_add", space=challenge.space, target=rule, label=label)
    space_changed(challenge.space_id)
    return rule


@transaction.atomic
def composition_rule_remove(*, person: Person, rule: CompositionRule) -> None:
    space = rule.challenge.space
    ensure_can(person, "manage_challenge", space)
    log_action(actor=person, action="composition_rule_remove", space=space, label=rule.label)
    rule.delete()
    space_changed(space.pk)


# --- Datasets ------------------------------------------------------------------------------


DATASET_TEXT = {"title": 200, "description": 5000, "publisher": 200, "licence": 120, "data_format": 40}


def _clean_dataset(fields: dict, current: Dataset | None) -> dict:
    errors: dict = {}
    cleaned: dict = {}
    for name, limit in DATASET_TEXT.items():
        if name in fields or current is None:
            value = clean_text(fields.get(name) or "")
            if len(value) > limit:
                errors[name] = _("Keep this under %(n)s characters.") % {"n": limit}
            cleaned[name] = value
    if "title" in cleaned and not cleaned["title"]:
        errors["title"] = _("Give the dataset a title.")
    if "licence" in cleaned and not cleaned["licence"]:
        errors["licence"] = _(
            "Say under which licence people may use the data, e.g. “Open Government Licence v3.0” or “CC BY 4.0”. "
            "If you do not know, ask its publisher before listing it."
        )
    for name in ("url", "licence_url"):
        if name in fields or current is None:
            cleaned[name] = web_address(fields.get(name), field=name, errors=errors)
    upload = fields.get("file")
    if upload:
        if upload.size > DATASET_MAX_BYTES:
            errors["file"] = _("The file is larger than 50 MB. Publish it on a data portal and give its link instead.")
        cleaned["file"] = upload
    has_link = cleaned.get("url", current.url if current else "")
    has_file = upload or (current.file if current else None)
    if fields.get("remove_file"):
        cleaned["file"] = ""
        has_file = upload
    if not has_link and not has_file:
        errors["url"] = _("Give a link to the data, or upload the file.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def dataset_add(*, person: Person, challenge: Challenge, **fields) -> Dataset:
    """Add an open dataset to the challenge's catalogue: a link or a file, and its licence."""
    ensure_can(person, "manage_challenge", challenge.space)
    dataset = Dataset.objects.create(challenge=challenge, **_clean_dataset(fields, None))
    log_action(actor=person, action="dataset_add", space=challenge.space, target=dataset, title=dataset.title)
    space_changed(challenge.space_id)
    return dataset


@transaction.atomic
def dataset_update(*, person: Person, dataset: Dataset, **fields) -> Dataset:
    space = dataset.challenge.space
    ensure_can(person, "manage_challenge", space)
    cleaned = _clean_dataset(fields, dataset)
    old_file = dataset.file.name if dataset.file else ""
    for name, value in cleaned.items():
        setattr(dataset, name, value)
    dataset.save()
    if old_file and old_file != (dataset.file.name if dataset.file else ""):
        transaction.on_commit(lambda: dataset.file.storage.delete(old_file))
    log_action(actor=person, action="dataset_update", space=space, target=dataset, changed=sorted(cleaned))
    space_changed(space.pk)
    return dataset


@transaction.atomic
def dataset_remove(*, person: Person, dataset: Dataset) -> None:
    space = dataset.challenge.space
    ensure_can(person, "manage_challenge", space)
    old_file, storage = (dataset.file.name, dataset.file.storage) if dataset.file else ("", None)
    log_action(actor=person, action="dataset_remove", space=space, title=dataset.title)
    dataset.delete()
    if old_file:
        transaction.on_commit(lambda: storage.delete(old_file))
    space_changed(space.pk)
