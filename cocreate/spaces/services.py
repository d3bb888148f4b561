"""Every write about spaces: opening and changing them, their phases, roles, residents lists,
and the moderation of what people contribute. Each function checks the actor's permission,
validates, and runs in one transaction."""

import csv
import io
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreate.accounts.models import Organisation, Person
from cocreate.algorithms.text import clean_text
from cocreate.spaces import registry
from cocreate.spaces.models import (
    ActionLog,
    Phase,
    Report,
    ReportOutcome,
    ReportReason,
    Resident,
    Space,
    SpaceKind,
    SpaceRole,
    SpaceRoleName,
    Visibility,
)
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.spaces.signals import contribution_hidden, contribution_restored

SPACE_FIELDS = (
    "title",
    "kind",
    "summary",
    "description",
    "question",
    "target_community",
    "visibility",
    "residency_required_for",
    "residency_area",
    "content_language",
)


def log_action(*, actor, action: str, space: Space | None = None, target=None, **details) -> None:
    ActionLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        space=space,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        details=details,
    )


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "space"
    slug, n = base, 2
    while Space.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_space_fields(fields: dict) -> dict:
    return {name: clean_text(value) if isinstance(value, str) else value for name, value in fields.items()}


def _validate_space_fields(fields: dict) -> None:
    errors = {}
    if "title" in fields and not str(fields["title"]).strip():
        errors["title"] = _("Give the space a title.")
    if "summary" in fields and not str(fields["summary"]).strip():
        errors["summary"] = _("Write a short summary of what the space is for.")
    if "kind" in fields and fields["kind"] not in SpaceKind.values:
        errors["kind"] = _("Choose what kind of space this is.")
    if "visibility" in fields and fields["visibility"] not in Visibility.values:
        errors["visibility"] = _("Choose whether the space is public or private.")
    allowed = {name for name, _label in registry.residency_activity_choices()}
    unknown = set(fields.get("residency_required_for") or []) - allowed
    if unknown:
        errors["residency_required_for"] = _("These activities cannot be reserved to residents: %(names)s.") % {
            "names": ", ".join(sorted(unknown))
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def space_create(*, person: Person, organisations: list[Organisation], parent: Space | None = None, **fields) -> Space:
    """Open a new space run by `organisations` (the person must act for the first of them)."""
    if not organisations:
        raise ValidationError({"organisations": _("Choose the organisation that runs this space.")})
    for organisation in organisations[:1]:
        ensure_can(person, "open_space", organisation)
    if parent is not None:
        ensure_can(person, "manage_space", parent)
    unknown = set(fields) - set(SPACE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown space fields: {sorted(unknown)}")
    fields = _clean_space_fields(fields)
    _validate_space_fields({"title": "", "summary": "", **fields})
    space = Space(parent=parent, created_by=person, slug=_unique_slug(fields["title"]), **fields)
    space.full_clean(exclude=["organisations", "slug"])
    for attempt in range(5):
        try:
            with transaction.atomic():
                space.save()
            break
        except IntegrityError:
            # Someone opened a space with the same title at the same moment: take the next name.
            space.slug = f"{_unique_slug(fields['title'])[:110]}-{attempt + 2}"
            space.pk = None
    space.organisations.set(organisations)
    log_action(actor=person, action="space_create", space=space, target=space)
    return space


_UNCHANGED = object()


@transaction.atomic
def space_update(
    *, person: Person, space: Space, organisations: list[Organisation] | None = None, parent=_UNCHANGED, **fields
) -> Space:
    ensure_can(person, "manage_space", space)
    if parent is not _UNCHANGED and parent != space.parent:
        if parent is not None:
            ensure_can(person, "manage_space", parent)
            if parent.pk == space.pk or parent.parent_id == space.pk:
                raise ValidationError({"parent": _("A space cannot be part of itself.")})
        space.parent = parent
    unknown = set(fields) - set(SPACE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown space fields: {sorted(unknown)}")
    fields = _clean_space_fields(fields)
    _validate_space_fields(fields)
    for name, value in fields.items():
        setattr(space, name, value)
    space.full_clean(exclude=["organisations", "slug"])
    # Only the fields changed here: the version counters may be moving under concurrent writes.
    space.save(update_fields=[*fields, "parent"])
    space.touch()
    if organisations is not None:
        if not organisations:
            raise ValidationError({"organisations": _("A space needs at least one organisation to run it.")})
        space.organisations.set(organisations)
    log_action(actor=person, action="space_update", space=space, target=space, fields=sorted(fields))
    return space


def _moment(value: datetime | None) -> datetime | None:
    """A date and time as stored: aware (a time without zone is taken in the site's zone), UTC."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(UTC)


def _validate_phase(space: Space, title: str, starts_at: datetime, ends_at: datetime, activities: list[str]) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the phase a title, e.g. “Share your ideas”.")
    if starts_at is None:
        errors["starts_at"] = _("Enter when the phase starts.")
    if ends_at is None:
        errors["ends_at"] = _("Enter when the phase ends.")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The phase must end after it starts.")
    known = {name for name, _label in registry.phase_activity_choices()}
    unknown = set(activities) - known
    if unknown:
        errors["activities"] = _("Unknown activities: %(names)s.") % {"names": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def phase_create(
    *,
    person: Person,
    space: Space,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    activities: list[str],
    description: str = "",
) -> Phase:
    ensure_can(person, "manage_space", space)
    title, description = clean_text(title), clean_text(description)
    starts_at, ends_at = _moment(starts_at), _moment(ends_at)
    _validate_phase(space, title, starts_at, ends_at, activities)
    phase = Phase.objects.create(
        space=space,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        activities=list(dict.fromkeys(activities)),
    )
    space.touch()
    log_action(actor=person, action="phase_create", space=space, target=phase)
    return phase


@transaction.atomic
def phase_update(
    *,
    person: Person,
    phase: Phase,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    activities: list[str],
    description: str = "",
) -> Phase:
    ensure_can(person, "manage_space", phase.space)
    title, description = clean_text(title), clean_text(description)
    starts_at, ends_at = _moment(starts_at), _moment(ends_at)
    _validate_phase(phase.space, title, starts_at, ends_at, activities)
    phase.title, phase.description = title, description
    phase.starts_at, phase.ends_at = starts_at, ends_at
    phase.activities = list(dict.fromkeys(activities))
    phase.save()
    phase.space.touch()
    log_action(actor=person, action="phase_update", space=phase.space, target=phase)
    return phase


@transaction.atomic
def phase_delete(*, person: Person, phase: Phase) -> None:
    ensure_can(person, "manage_space", phase.space)
    log_action(actor=person, action="phase_delete", space=phase.space, title=phase.title)
    phase.space.touch()
    phase.delete()


@transaction.atomic
def space_role_grant(*, person: Person, space: Space, grantee: Person, role: str) -> SpaceRole:
    ensure_can(person, "manage_space", space)
    if role not in SpaceRoleName.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if grantee.kind != "account" or grantee.deleted_at:
        raise ValidationError({"email": _("Roles can only be given to people with an account.")})
    space_role, _created = SpaceRole.objects.get_or_create(
        space=space, person=grantee, role=role, defaults={"granted_by": person}
    )
    log_action(actor=person, action="space_role_grant", space=space, target=space_role, role=role)
    return space_role


@transaction.atomic
def space_role_revoke(*, person: Person, space_role: SpaceRole) -> None:
    ensure_can(person, "manage_space", space_role.space)
    log_action(
        actor=person,
        action="space_role_revoke",
        space=space_role.space,
        role=space_role.role,
        person_id=space_role.person_id,
    )
    space_role.delete()


# --- Residents list ------------------------------------------------------------------------


RESIDENT_COLUMNS = {"reference", "postcode", "district"}


def normalise_reference(value: str) -> str:
    return "".join(str(value).split()).upper()


def normalise_postcode(value: str) -> str:
    return "".join(str(value).split()).upper()


@transaction.atomic
def residents_upload(*, person: Person, space: Space, csv_file) -> dict:
    """Add the entries of a CSV file with a `reference` column (and optionally `postcode`,
    `district`, and other columns such as an age group, kept for aggregate figures only).
    Entries already on the list are left as they are. The whole file is refused, with the line
    numbers, if any row is wrong."""
    ensure_can(person, "manage_space", space)
    raw = csv_file.read()
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ValidationError({"file": _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")})
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        headers = [h.strip().lower() for h in (reader.fieldnames or [])]
        if "reference" not in headers:
            raise ValidationError({"file": _("The first line must name the columns and include “reference”.")})
        reader.fieldnames = headers
        numbered = [(reader.line_num, row) for row in reader]
    except csv.Error as problem:
        raise ValidationError(
            {
                "file": _("Line %(line)s cannot be read as CSV (%(problem)s).")
                % {"line": reader.line_num, "problem": problem}
            }
        )
    rows, errors, seen = [], [], set()
    for line, row in numbered:
        reference = normalise_reference(row.get("reference") or "")
        if not reference:
            errors.append(_("Line %(line)s has no reference.") % {"line": line})
            continue
        if len(reference) > 64:
            errors.append(_("Line %(line)s: the reference is longer than 64 characters.") % {"line": line})
            continue
        if reference in seen:
            errors.append(_("Line %(line)s repeats the reference %(ref)s.") % {"line": line, "ref": reference})
            continue
        seen.add(reference)
        extra = {k: str(v).strip()[:60] for k, v in row.items() if k and k not in RESIDENT_COLUMNS and v}
        rows.append(
            (
                reference,
                normalise_postcode(row.get("postcode") or "")[:16],
                " ".join((row.get("district") or "").split())[:120],
                extra,
            )
        )
    if errors:
        raise ValidationError({"file": errors[:20]})
    if not rows:
        raise ValidationError({"file": _("The file has no residents in it.")})
    existing = set(Resident.objects.filter(space=space, reference__in=seen).values_list("reference", flat=True))
    new = [
        Resident(space=space, reference=ref, postcode=pc, district=district, attributes=extra)
        for ref, pc, district, extra in rows
        if ref not in existing
    ]
    Resident.objects.bulk_create(new, batch_size=1000)
    log_action(actor=person, action="residents_upload", space=space, added=len(new), already=len(existing))
    return {"added": len(new), "already_listed": len(existing)}


@transaction.atomic
def residency_verify(*, person: Person, space: Space, reference: str, postcode: str = "") -> Resident:
    """A person proves they live in the area by entering the details on their letter."""
    if not person.is_authenticated:
        raise Refused(refuse(_("Sign in to verify that you live here.")))
    entry = Resident.objects.select_for_update().filter(space=space, reference=normalise_reference(reference)).first()
    mismatch = _(
        "These details do not match the residents list. Check them against your letter, "
        "or ask the organisers to check them with you in person."
    )
    if entry is None or (entry.postcode and entry.postcode != normalise_postcode(postcode)):
        raise ValidationError({"reference": mismatch})
    if entry.person_id and entry.person_id != person.pk:
        raise ValidationError(
            {
                "reference": _(
                    "These details have already been used by another account. If this is wrong, contact the organisers."
                )
            }
        )
    if Resident.objects.filter(space=space, person=person).exclude(pk=entry.pk).exists():
        raise ValidationError({"reference": _("You are already verified as a resident here.")})
    entry.person, entry.verified_at = person, timezone.now()
    try:
        with transaction.atomic():
            entry.save(update_fields=["person", "verified_at"])
    except IntegrityError:
        raise ValidationError({"reference": _("You are already verified as a resident here.")})
    person.__dict__.pop("_cocreate_residency", None)
    return entry


# --- Moderation ----------------------------------------------------------------------------


@transaction.atomic
def contribution_report(*, person: Person, content, reason: str, details: str = "") -> Report:
    """Ask the moderators to look at `content`. Reporting the same thing twice is refused."""
    ensure_can(person, "report", content)
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose why you are reporting this.")})
    content_type = ContentType.objects.get_for_model(content)
    report, created = Report.objects.get_or_create(
        reporter=person,
        content_type=content_type,
        object_id=content.pk,
        defaults={"space": content.space, "reason": reason, "details": details.strip()[:1000]},
    )
    if not created:
        raise ValidationError({"reason": _("You have already reported this. The moderators will look at it.")})
    return report


def _resolve_reports(content, *, person: Person, outcome: str) -> None:
    Report.objects.filter(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        outcome=ReportOutcome.OPEN,
    ).update(outcome=outcome, resolved_at=timezone.now(), resolved_by=person)


@transaction.atomic
def contribution_hide(*, person: Person, content, reason: str) -> None:
    """Hide a contribution with the reason its authors will be told."""
    ensure_can(person, "moderate", content)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you are hiding this: its author will be told.")})
    # Only if it is still visible: two moderators (or a double click) hide it once.
    changed = (
        type(content)
        .objects.filter(pk=content.pk, hidden_at__isnull=True)
        .update(hidden_at=timezone.now(), hidden_reason=reason.strip(), hidden_by=person)
    )
    if not changed:
        raise ValidationError({"reason": _("This is already hidden.")})
    content.refresh_from_db(fields=["hidden_at", "hidden_reason", "hidden_by"])
    _resolve_reports(content, person=person, outcome=ReportOutcome.HIDDEN)
    log_action(actor=person, action="hide", space=content.space, target=content, reason=reason.strip())
    contribution_hidden.send(sender=type(content), content=content, moderator=person)


@transaction.atomic
def contribution_restore(*, person: Person, content) -> None:
    """Show again a contribution that was hidden by mistake."""
    ensure_can(person, "moderate", content)
    changed = (
        type(content)
        .objects.filter(pk=content.pk, hidden_at__isnull=False)
        .update(hidden_at=None, hidden_reason="", hidden_by=None)
    )
    if not changed:
        raise ValidationError({"reason": _("This is not hidden.")})
    content.refresh_from_db(fields=["hidden_at", "hidden_reason", "hidden_by"])
    log_action(actor=person, action="restore", space=content.space, target=content)
    contribution_restored.send(sender=type(content), content=content, moderator=person)


@transaction.atomic
def report_dismiss(*, person: Person, report: Report) -> None:
    """Keep the reported content: the moderator found no problem."""
    ensure_can(person, "moderate", report.space)
    if report.outcome != ReportOutcome.OPEN:
        raise ValidationError({"report": _("This report has already been dealt with.")})
    _resolve_reports(report.content, person=person, outcome=ReportOutcome.DISMISSED)
    log_action(actor=person, action="report_dismiss", space=report.space, target=report)
