"""Every write about recognition and prizes: certificates and public credits awarded by the
organisers, prizes for teams or entries, a prize split among the team's members (equally by
default, or custom amounts that add up to the prize exactly), and each share's payment."""

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Organisation, Person
from cocreate.algorithms.text import clean_text
from cocreate.challenges.models import (
    Entry,
    PaymentStatus,
    Prize,
    PrizeShare,
    Recognition,
    RecognitionKind,
    Team,
    TeamMember,
    TeamRole,
)
from cocreate.challenges.services.cached_pages import space_changed
from cocreate.challenges.tasks.support import tell_after_commit
from cocreate.notifications.models import NotificationKind
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import ensure_can
from cocreate.spaces.services import log_action

CENT = Decimal("0.01")


def _money(value, field: str, errors: dict) -> Decimal | None:
    try:
        amount = Decimal(str(value).replace(",", "").replace(" ", ""))
    except (InvalidOperation, TypeError):
        errors[field] = _("Enter an amount in figures, e.g. 1500.")
        return None
    if not amount.is_finite() or amount < 0:
        errors[field] = _("Enter an amount of zero or more.")
        return None
    if amount >= Decimal(10) ** 10:
        errors[field] = _("This amount is too large.")
        return None
    return amount.quantize(CENT)


# --- Certificates and public credits ---------------------------------------------------------


@transaction.atomic
def recognition_award(
    *,
    person: Person,
    space: Space,
    kind: str,
    citation: str,
    recipient: Person | None = None,
    organisation: Organisation | None = None,
    team: Team | None = None,
) -> Recognition:
    """A portfolio certificate for a person, or a public credit for an organisation or a person."""
    ensure_can(person, "recognise", space)
    errors: dict = {}
    if kind not in RecognitionKind.values:
        errors["kind"] = _("Choose a certificate or a public credit.")
    citation = clean_text(citation)
    if len(citation) < 10:
        errors["citation"] = _("Say what they did in at least 10 characters; it is printed as it is.")
    elif len(citation) > 2000:
        errors["citation"] = _("Keep this under 2,000 characters.")
    if kind == RecognitionKind.CERTIFICATE and recipient is None:
        errors["recipient"] = _("A certificate is for a person: choose who receives it.")
    if kind == RecognitionKind.CERTIFICATE and organisation is not None:
        errors["organisation"] = _("A certificate is for a person, not an organisation. Give a public credit instead.")
    if recipient is None and organisation is None and "recipient" not in errors:
        errors["recipient"] = _("Choose the person or the organisation you are thanking.")
    if team is not None and team.space_id != space.pk:
        errors["team"] = _("Choose a team of this challenge.")
    if errors:
        raise ValidationError(errors)
    recognition = Recognition.objects.create(
        space=space,
        kind=kind,
        person=recipient,
        organisation=organisation,
        team=team,
        citation=citation,
        awarded_by=person,
    )
    log_action(actor=person, action="recognition_award", space=space, target=recognition, kind=kind)
    space_changed(space.pk)
    if recipient is not None:
        tell_after_commit(
            kind=NotificationKind.RECOGNITION,
            recipient_ids=[recipient.pk],
            title=str(RecognitionKind(kind).label),
            link=reverse("challenges:recognition_mine", kwargs={"slug": space.slug}),
            actor=person,
        )
    return recognition


@transaction.atomic
def recognition_withdraw(*, person: Person, recognition: Recognition) -> None:
    """Remove a recognition given by mistake (its reference no longer checks out)."""
    ensure_can(person, "recognise", recognition.space)
    log_action(actor=person, action="recognition_withdraw", space=recognition.space, target=recognition)
    recognition.delete()
    space_changed(recognition.space_id)


# --- Prizes ----------------------------------------------------------------------------------


@transaction.atomic
def prize_award(
    *,
    person: Person,
    space: Space,
    title: str,
    amount,
    currency: str = "GBP",
    team: Team | None = None,
    entry: Entry | None = None,
    reason: str = "",
) -> Prize:
    """A prize for a team (or an entry, whose team then receives it). It is published at once."""
    ensure_can(person, "recognise", space)
    errors: dict = {}
    title = clean_text(title)
    if len(title) < 3:
        errors["title"] = _("Name the prize in at least 3 characters, e.g. “Best prototype for young people”.")
    elif len(title) > 200:
        errors["title"] = _("Keep the name under 200 characters.")
    amount = _money(amount, "amount", errors)
    currency = str(currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = _("Use a three-letter currency code such as GBP, EUR or BRL.")
    if entry is not None:
        if entry.space_id != space.pk:
            errors["entry"] = _("Choose an entry of this challenge.")
        elif team is None:
            team = getattr(entry, "team", None)
    if team is None:
        errors["team"] = _("Choose the team that wins the prize.")
    elif team.space_id != space.pk:
        errors["team"] = _("Choose a team of this challenge.")
    if errors:
        raise ValidationError(errors)
    prize = Prize.objects.create(
        space=space,
        title=title,
        amount=amount,
        currency=currency,
        team=team,
        entry=entry,
        reason=clean_text(reason),
        awarded_by=person,
        awarded_at=timezone.now(),
    )
    log_action(actor=person, action="prize_award", space=space, target=prize, amount=str(amount))
    space_changed(space.pk)
    tell_after_commit(
        kind=NotificationKind.RECOGNITION,
        recipient_ids=TeamMember.objects.filter(team=team).values_list("person_id", flat=True),
        title=title,
        link=reverse("challenges:recognition_mine", kwargs={"slug": space.slug}),
        actor=person,
    )
    return prize


def equal_split(amount: Decimal, people: int) -> list[Decimal]:
    """`amount` shared among `people` to the cent, adding up exactly: the first ones get the
    cents left over (e.g. 100 among 3 → 33.34, 33.33, 33.33)."""
    if people <= 0:
        return []
    base = (amount / people).quantize(CENT, rounding=ROUND_DOWN)
    left_over = int((amount - base * people) / CENT)
    return [base + CENT if i < left_over else base for i in range(people)]


def prize_winners(prize: Prize) -> list[Person]:
    """The team's members who share a prize: leads and members, not mentors, by joining date."""
    if prize.team_id is None:
        return []
    return [
        m.person
        for m in TeamMember.objects.filter(team_id=prize.team_id)
        .exclude(role=TeamRole.MENTOR)
        .select_related("person")
        .order_by("joined_at", "pk")
    ]


@transaction.atomic
def prize_split(*, person: Person, prize: Prize, amounts: dict[int, object] | None = None) -> list[PrizeShare]:
    """Share the prize among the team's members: equally, or with `amounts` (person id →
    amount) that must add up to the prize exactly. Replaces the shares until one is paid."""
    prize = Prize.objects.select_for_update().select_related("space").get(pk=prize.pk)
    ensure_can(person, "recognise", prize.space)
    if prize.shares.exclude(payment_status=PaymentStatus.DUE).exists():
        raise ValidationError(
            _("Some shares are already paid or declined: the split can no longer change. Record payments instead.")
        )
    winners = prize_winners(prize)
    if not winners:
        raise ValidationError(_("This prize has no team members to share it: add the team first."))
    if amounts is None:
        split = dict(zip([w.pk for w in winners], equal_split(prize.amount, len(winners)), strict=True))
    else:
        errors: dict = {}
        members = {w.pk for w in winners}
        split = {}
        for person_id, value in amounts.items():
            if int(person_id) not in members:
                errors["amounts"] = _("Shares can go only to the team's members.")
                continue
            amount = _money(value or 0, f"share_{person_id}", errors)
            if amount is not None:
                split[int(person_id)] = amount
        if errors:
            raise ValidationError(errors)
        total = sum(split.values(), Decimal(0))
        if total != prize.amount:
            difference = prize.amount - total
            raise ValidationError(
                {
                    "amounts": _(
                        "The shares add up to %(total)s but the prize is %(amount)s %(currency)s: "
                        "%(difference)s %(currency)s %(which)s."
                    )
                    % {
                        "total": total,
                        "amount": prize.amount,
                        "currency": prize.currency,
                        "difference": abs(difference),
                        "which": _("still to share") if difference > 0 else _("too much"),
                    }
                }
            )
    prize.shares.all().delete()
    shares = PrizeShare.objects.bulk_create(
        [PrizeShare(prize=prize, person_id=pk, amount=amount) for pk, amount in split.items() if amount > 0]
    )
    log_action(actor=person, action="prize_split", space=prize.space, target=prize, equal=amounts is None)
    space_changed(prize.space_id)
    return shares


@transaction.atomic
def prize_share_record_payment(*, person: Person, share: PrizeShare, status: str) -> PrizeShare:
    """Record that a share was paid, declined by the winner, or is due again (a correction)."""
    share = PrizeShare.objects.select_for_update().select_related("prize__space").get(pk=share.pk)
    ensure_can(person, "recognise", share.prize.space)
    if status not in PaymentStatus.values:
        raise ValidationError({"payment_status": _("Choose paid, declined or to be paid.")})
    now = timezone.now()
    share.payment_status = status
    share.paid_at = now if status == PaymentStatus.PAID else None
    share.recorded_by, share.recorded_at = person, now
    share.save()
    log_action(actor=person, action="prize_share_payment", space=share.prize.space, target=share, status=status)
    return share
