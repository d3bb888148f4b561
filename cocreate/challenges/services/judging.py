"""Every write about judging: entries, rubrics and their criteria, judges and their conflicts of
interest, scores, pairwise comparisons and the published results. Each function checks the
actor's permission, validates (ValidationError with a message per field), runs in one
transaction and records what staff did."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person
from cocreate.algorithms.text import clean_text
from cocreate.challenges.activities.judging import JudgedEntry, forget_judge_standing, judge_standing
from cocreate.challenges.models import (
    ChallengeTemplate,
    Comparison,
    Conflict,
    Criterion,
    Entry,
    EntryResult,
    Judge,
    JudgingMode,
    Level,
    Prototype,
    Rubric,
    Score,
    Team,
    TeamMember,
)
from cocreate.challenges.services.cached_pages import space_changed
from cocreate.challenges.services.teams import composition_message, team_composition_problems
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.spaces.services import log_action
from cocreate.web.text_fields import web_address

RUBRIC_FIELDS = (
    "title",
    "guidance",
    "mode",
    "blind",
    "lowest_score",
    "highest_score",
    "normalise",
    "min_scores_to_normalise",
    "trim",
    "shortlist_size",
    "results_note",
)
# How judges judge and on what scale cannot change once the first mark is given.
FROZEN_ONCE_JUDGED = ("mode", "lowest_score", "highest_score")
MAX_SCALE = 10


def _link(value, field: str, errors: dict) -> str:
    invalid = _("Enter a full web address starting with https://, e.g. https://github.com/our-team/app.")
    return web_address(value, field=field, errors=errors, invalid=invalid)


# --- Entries -------------------------------------------------------------------------------


@transaction.atomic
def entry_submit(
    *,
    person: Person,
    space: Space,
    title: str,
    description: str = "",
    team: Team | None = None,
    prototype: Prototype | None = None,
    repository_url: str = "",
    demo_url: str = "",
) -> Entry:
    """Submit something to be judged: a team's work (with its code repository and demo, for a
    hackathon) or a person's own."""
    ensure_can(person, "submit_entry", space)
    errors: dict = {}
    title = clean_text(title)
    description = clean_text(description)
    if len(title) < 3:
        errors["title"] = _("Give the entry a title of at least 3 characters.")
    elif len(title) > 200:
        errors["title"] = _("Keep the title under 200 characters.")
    if len(description) > 10000:
        errors["description"] = _("Keep the description under 10,000 characters.")
    repository_url = _link(repository_url, "repository_url", errors)
    demo_url = _link(demo_url, "demo_url", errors)
    challenge = getattr(space, "challenge", None)
    if (
        challenge is not None
        and challenge.template == ChallengeTemplate.HACKATHON
        and not (repository_url or demo_url)
        and "repository_url" not in errors
        and "demo_url" not in errors
    ):
        errors["repository_url"] = _("A hackathon entry needs a link to its code repository or to its demo.")
    if team is not None:
        team = Team.objects.select_for_update().filter(pk=team.pk, space=space).first()
        if team is None or team.disbanded_at is not None:
            errors["team"] = _("Choose one of the teams of this challenge.")
        elif not TeamMember.objects.filter(team=team, person=person).exists():
            errors["team"] = _("Only members of a team can submit its entry. Ask to join the team first.")
        elif Entry.objects.filter(space=space, team=team, withdrawn_at__isnull=True).exists():
            errors["team"] = _("This team has already submitted an entry. Withdraw it first to submit another.")
        else:
            problems = team_composition_problems(team)
            if problems:
                errors["team"] = (
                    composition_message(problems)
                    + " "
                    + _("Invite people on the “looking for a team” board, then submit the entry.")
                )
    if prototype is not None:
        if prototype.space_id != space.pk:
            errors["prototype"] = _("Choose a prototype of this challenge.")
        elif prototype.team_id and (team is None or prototype.team_id != team.pk):
            errors["prototype"] = _("This prototype belongs to another team: submit it with that team.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            entry = Entry.objects.create(
                space=space,
                title=title,
                description=description,
                team=team,
                prototype=prototype,
                repository_url=repository_url,
                demo_url=demo_url,
                submitted_by=person,
            )
    except IntegrityError:
        raise ValidationError(
            {"team": _("This team has already submitted an entry. Withdraw it first to submit another.")}
        ) from None
    space_changed(space.pk)
    return entry


@transaction.atomic
def entry_withdraw(*, person: Person, entry: Entry) -> Entry:
    entry = Entry.objects.select_for_update().select_related("space").get(pk=entry.pk)
    ensure_can(person, "withdraw_entry", entry)
    entry.withdrawn_at = timezone.now()
    entry.save(update_fields=["withdrawn_at"])
    log_action(actor=person, action="entry_withdraw", space=entry.space, target=entry)
    space_changed(entry.space_id)
    return entry


# --- Rubrics and criteria ------------------------------------------------------------------


def _whole(value, field: str, errors: dict, low: int, high: int, message: str) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[field] = _("Enter a whole number.")
        return None
    if not low <= number <= high:
        errors[field] = message
        return None
    return number


def _clean_rubric(fields: dict, current: Rubric | None) -> dict:
    unknown = set(fields) - set(RUBRIC_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rubric fields: {sorted(unknown)}")
    errors: dict = {}
    cleaned = dict(fields)
    if "title" in cleaned or current is None:
        cleaned["title"] = clean_text(cleaned.get("title", ""))
        if len(cleaned["title"]) < 3:
            errors["title"] = _("Give the rubric a name of at least 3 characters.")
        elif len(cleaned["title"]) > 200:
            errors["title"] = _("Keep the name under 200 characters.")
    for name in ("guidance", "results_note"):
        if name in cleaned:
            cleaned[name] = clean_text(cleaned[name] or "")
            if len(cleaned[name]) > 10000:
                errors[name] = _("Keep this under 10,000 characters.")
    if "mode" in cleaned and cleaned["mode"] not in JudgingMode.values:
        errors["mode"] = _("Choose how judges judge: scores against the rubric, or comparisons two at a time.")
    for name in ("blind", "normalise"):
        if name in cleaned:
            cleaned[name] = bool(cleaned[name])
    limits = {
        "lowest_score": (0, MAX_SCALE - 1, _("The lowest score is between 0 and %(n)s.") % {"n": MAX_SCALE - 1}),
        "highest_score": (1, MAX_SCALE, _("The highest score is between 1 and %(n)s.") % {"n": MAX_SCALE}),
        "min_scores_to_normalise": (2, 1000, _("Enter a number between 2 and 1000.")),
        "trim": (0, 5, _("Leave out between 0 and 5 marks at each end.")),
        "shortlist_size": (0, 1000, _("Enter a number between 0 and 1000.")),
    }
    for name, (low, high, message) in limits.items():
        if name in cleaned:
            cleaned[name] = _whole(cleaned[name], name, errors, low, high, message)
    lowest = cleaned.get("lowest_score", current.lowest_score if current else 1)
    highest = cleaned.get("highest_score", current.highest_score if current else 5)
    if lowest is not None and highest is not None and highest <= lowest and "highest_score" not in errors:
        errors["highest_score"] = _("The highest score must be above the lowest.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _judging_started(rubric: Rubric) -> bool:
    return (
        Score.objects.filter(criterion__rubric=rubric).exists()
        or Comparison.objects.filter(judge__rubric=rubric).exists()
    )


@transaction.atomic
def rubric_create(*, person: Person, space: Space, **fields) -> Rubric:
    ensure_can(person, "manage_judging", space)
    rubric = Rubric.objects.create(space=space, created_by=person, **_clean_rubric(fields, None))
    log_action(actor=person, action="rubric_create", space=space, target=rubric)
    return rubric


@transaction.atomic
def rubric_update(*, person: Person, rubric: Rubric, **fields) -> Rubric:
    rubric = Rubric.objects.select_for_update().select_related("space").get(pk=rubric.pk)
    ensure_can(person, "manage_judging", rubric)
    if rubric.published_at:
        raise ValidationError(_("The results are published: this rubric can no longer change."))
    cleaned = _clean_rubric(fields, rubric)
    frozen = [name for name in FROZEN_ONCE_JUDGED if name in cleaned and cleaned[name] != getattr(rubric, name)]
    if frozen and _judging_started(rubric):
        raise ValidationError(
            {
                frozen[0]: _(
                    "Judges have started judging: how they judge and the scale can no longer change. "
                    "Start a new rubric instead."
                )
            }
        )
    for name, value in cleaned.items():
        setattr(rubric, name, value)
    rubric.save()
    log_action(actor=person, action="rubric_update", space=rubric.space, target=rubric, changed=sorted(cleaned))
    return rubric


@transaction.atomic
def criterion_add(
    *, person: Person, rubric: Rubric, name: str, description: str = "", weight=1, levels: dict[int, str]
) -> Criterion:
    """A criterion with a description of what each score on the rubric's scale means."""
    rubric = Rubric.objects.select_for_update().select_related("space").get(pk=rubric.pk)
    ensure_can(person, "manage_judging", rubric)
    if rubric.published_at:
        raise ValidationError(_("The results are published: this rubric can no longer change."))
    if Score.objects.filter(criterion__rubric=rubric).exists():
        raise ValidationError(
            _("Judges have started scoring: criteria can no longer be added, or their earlier marks would not compare.")
        )
    errors: dict = {}
    name = clean_text(name)
    description = clean_text(description)
    if len(name) < 2:
        errors["name"] = _("Name the criterion, e.g. “Involves the people who will use it”.")
    elif len(name) > 120:
        errors["name"] = _("Keep the name under 120 characters.")
    elif rubric.criteria.filter(name__iexact=name).exists():
        errors["name"] = _("This rubric already has a criterion with this name.")
    try:
        weight_value = round(float(weight), 2)
    except (TypeError, ValueError):
        weight_value = None
    if weight_value is None or not 0 < weight_value < 10000:
        errors["weight"] = _("Enter a weight greater than 0, e.g. 1 or 2.5.")
    cleaned_levels = {}
    for score in rubric.scale():
        text = clean_text((levels or {}).get(score, ""))
        if not text:
            errors[f"level_{score}"] = _("Say what a score of %(score)s means for this criterion.") % {"score": score}
        elif len(text) > 300:
            errors[f"level_{score}"] = _("Keep this under 300 characters.")
        cleaned_levels[score] = text
    if errors:
        raise ValidationError(errors)
    criterion = Criterion.objects.create(
        rubric=rubric, name=name, description=description, weight=weight_value, position=rubric.criteria.count()
    )
    Level.objects.bulk_create(Level(criterion=criterion, score=s, description=d) for s, d in cleaned_levels.items())
    log_action(actor=person, action="criterion_add", space=rubric.space, target=criterion)
    return criterion


# --- Judges and conflicts of interest ------------------------------------------------------


@transaction.atomic
def judge_assign(*, person: Person, rubric: Rubric, judge_person: Person) -> Judge:
    ensure_can(person, "manage_judging", rubric)
    if rubric.published_at:
        raise ValidationError(_("The results are published: judges can no longer be added."))
    if not judge_person.is_active or judge_person.deleted_at:
        raise ValidationError({"judge": _("This account is closed: choose someone else.")})
    judge, created = Judge.objects.get_or_create(rubric=rubric, person=judge_person, defaults={"assigned_by": person})
    if not created:
        raise ValidationError({"judge": _("%(name)s is already a judge for this rubric.") % {"name": judge_person}})
    forget_judge_standing(judge_person, rubric)
    log_action(actor=person, action="judge_assign", space=rubric.space, target=judge, person_id=judge_person.pk)
    return judge


@transaction.atomic
def conflicts_declare(*, person: Person, rubric: Rubric, conflicts: dict[int, str]) -> Judge:
    """A judge declares the entries they have a conflict of interest with (none is a valid
    answer), replacing any earlier declaration. Marks already given to an entry they now
    declare a conflict with are removed: they must not count."""
    judge = Judge.objects.select_for_update().filter(rubric=rubric, person=person).first()
    if judge is None:
        raise Refused(refuse(_("Only the judges the organisers assigned can declare conflicts of interest here.")))
    if rubric.published_at:
        raise Refused(refuse(_("The results are published: judging has closed.")))
    entry_ids = set(
        Entry.objects.filter(
            space=rubric.space_id, withdrawn_at__isnull=True, pk__in=list(conflicts or {})
        ).values_list("pk", flat=True)
    )
    errors: dict = {}
    reasons = {}
    for entry_id, reason in (conflicts or {}).items():
        if entry_id not in entry_ids:
            errors["__all__"] = _("One of the entries chosen is not in this challenge any more. Check the list again.")
            continue
        reason = clean_text(reason)
        if not reason:
            errors[f"reason_{entry_id}"] = _("Say in a few words why, e.g. “I mentor this team”.")
        elif len(reason) > 300:
            errors[f"reason_{entry_id}"] = _("Keep this under 300 characters.")
        reasons[entry_id] = reason
    if errors:
        raise ValidationError(errors)
    Conflict.objects.filter(judge=judge).exclude(entry_id__in=list(reasons)).delete()
    for entry_id, reason in reasons.items():
        Conflict.objects.update_or_create(judge=judge, entry_id=entry_id, defaults={"reason": reason})
    Score.objects.filter(judge=judge, entry_id__in=list(reasons)).delete()
    Comparison.objects.filter(judge=judge).filter(
        Q(first_id__in=list(reasons)) | Q(second_id__in=list(reasons))
    ).delete()
    judge.declared_at = timezone.now()
    judge.save(update_fields=["declared_at"])
    forget_judge_standing(person, rubric)
    return judge


# --- Scores and comparisons ----------------------------------------------------------------


def _open_rubric(rubric: Rubric) -> Rubric:
    """The rubric, locked against publication while a mark is written."""
    locked = Rubric.objects.select_for_update().get(pk=rubric.pk)
    rubric.published_at = locked.published_at
    return rubric


@transaction.atomic
def score_record(
    *, person: Person, rubric: Rubric, entry: Entry, values: dict[int, int], comments: dict[int, str] | None = None
) -> list[Score]:
    """A judge's score sheet for one entry: a score for every criterion, within the rubric's
    scale. Sending it again replaces it, until the results are published."""
    rubric = _open_rubric(rubric)
    ensure_can(person, "judge", JudgedEntry(rubric, entry))
    if rubric.mode != JudgingMode.SCORES:
        raise ValidationError(_("In this rubric judges compare entries two at a time instead of scoring them."))
    if entry.space_id != rubric.space_id:
        raise ValidationError(_("This entry is not in this challenge."))
    judge = judge_standing(person, rubric)[0]
    criteria = list(rubric.criteria.all())
    if not criteria:
        raise ValidationError(_("This rubric has no criteria yet. Ask the organisers to add them."))
    errors: dict = {}
    cleaned = {}
    for criterion in criteria:
        value = (values or {}).get(criterion.pk)
        try:
            value = int(value)
        except (TypeError, ValueError):
            errors[f"criterion_{criterion.pk}"] = _("Choose a score for “%(name)s”.") % {"name": criterion.name}
            continue
        if value not in rubric.scale():
            errors[f"criterion_{criterion.pk}"] = _("Scores go from %(low)s to %(high)s.") % {
                "low": rubric.lowest_score,
                "high": rubric.highest_score,
            }
            continue
        comment = clean_text((comments or {}).get(criterion.pk, ""))
        if len(comment) > 2000:
            errors[f"comment_{criterion.pk}"] = _("Keep the comment under 2,000 characters.")
        cleaned[criterion.pk] = (value, comment)
    unknown = set(values or {}) - {c.pk for c in criteria}
    if unknown:
        errors["__all__"] = _("The rubric changed while you were scoring. Check the form again.")
    if errors:
        raise ValidationError(errors)
    scores = []
    for criterion in criteria:
        value, comment = cleaned[criterion.pk]
        score, _created = Score.objects.update_or_create(
            judge=judge, entry=entry, criterion=criterion, defaults={"value": value, "comment": comment}
        )
        scores.append(score)
    return scores


COMPARISON_CHOICES = ("first", "second", "same")


@transaction.atomic
def comparison_record(*, person: Person, rubric: Rubric, first: Entry, second: Entry, better: str) -> Comparison:
    """A judge says which of two entries is better (`better` is "first", "second" or "same").
    Stored with the smaller id first; sending it again replaces it, until publication."""
    rubric = _open_rubric(rubric)
    ensure_can(person, "judge", rubric)
    if rubric.mode != JudgingMode.PAIRWISE:
        raise ValidationError(_("In this rubric judges score each entry instead of comparing them."))
    if better not in COMPARISON_CHOICES:
        raise ValidationError({"better": _("Say which entry is better, or that they are about the same.")})
    if first.pk == second.pk:
        raise ValidationError(_("Choose two different entries to compare."))
    for entry in (first, second):
        if entry.space_id != rubric.space_id:
            raise ValidationError(_("This entry is not in this challenge."))
        ensure_can(person, "judge", JudgedEntry(rubric, entry))
    winner = {"first": first, "second": second, "same": None}[better]
    low, high = sorted((first, second), key=lambda e: e.pk)
    judge = judge_standing(person, rubric)[0]
    comparison, _created = Comparison.objects.update_or_create(
        judge=judge, first=low, second=high, defaults={"winner": winner, "compared_at": timezone.now()}
    )
    return comparison


# --- Results -------------------------------------------------------------------------------


@transaction.atomic
def results_publish(
    *, person: Person, rubric: Rubric, reasons: dict[int, str] | None = None, note: str | None = None
) -> list[EntryResult]:
    """Publish the ranking: one EntryResult per ranked entry, with its rank, score, whether it
    shares its rank, whether it is on the shortlist (the top `shortlist_size` places, with
    every entry tied at the last place) and the public reason (the organisers' own words, or
    the explanation computed). Entrants are told after commit."""
    from cocreate.challenges.selectors.judging import results_compute

    rubric = Rubric.objects.select_for_update().select_related("space").get(pk=rubric.pk)
    ensure_can(person, "manage_judging", rubric)
    if rubric.published_at:
        raise ValidationError(_("These results are already published."))
    results = results_compute(rubric=rubric)
    ranked = [row for row in results.rows if row.rank is not None]
    if not ranked:
        raise ValidationError(_("No entry has been judged yet: there is nothing to publish."))
    errors = {}
    rows = []
    for row in ranked:
        reason = clean_text((reasons or {}).get(row.entry.pk) or row.explanation)
        if len(reason) > 2000:
            errors[f"reason_{row.entry.pk}"] = _("Keep the reason under 2,000 characters.")
        rows.append(
            EntryResult(
                rubric=rubric,
                entry=row.entry,
                rank=row.rank,
                score=round(row.score, 4),
                tied=row.tied,
                shortlisted=row.shortlisted,
                reason=reason,
            )
        )
    if note is not None:
        note = clean_text(note)
        if len(note) > 10000:
            errors["note"] = _("Keep this under 10,000 characters.")
        rubric.results_note = note
    if errors:
        raise ValidationError(errors)
    EntryResult.objects.filter(rubric=rubric).delete()
    created = EntryResult.objects.bulk_create(rows)
    rubric.published_at = timezone.now()
    rubric.save(update_fields=["published_at", "results_note"])
    log_action(actor=person, action="results_publish", space=rubric.space, target=rubric, entries=len(rows))
    space_changed(rubric.space_id)

    recipients = set(
        Entry.objects.filter(pk__in=[r.entry.pk for r in ranked], submitted_by__isnull=False).values_list(
            "submitted_by_id", flat=True
        )
    ) | set(
        TeamMember.objects.filter(team__entries__in=[r.entry.pk for r in ranked]).values_list("person_id", flat=True)
    )
    link = reverse("challenges:judging_results", kwargs={"slug": rubric.space.slug, "rubric_id": rubric.pk})
    arguments = {"recipient_ids": sorted(recipients), "title": rubric.title, "link": link, "actor_id": person.pk}

    def tell():
        from cocreate.challenges.tasks.judging import tell_results_published

        tell_results_published.enqueue(**arguments)

    transaction.on_commit(tell)
    return created
