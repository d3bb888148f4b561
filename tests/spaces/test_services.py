import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocreate.ideas import services as ideas
from cocreate.ideas.models import Idea
from cocreate.notifications.models import Notification
from cocreate.spaces import services
from cocreate.spaces.models import ActionLog, Phase, Report, Resident, Space
from cocreate.spaces.permissions import Refused
from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_open_a_space_for_their_organisation(organisation, organiser):
    space = services.space_create(
        person=organiser,
        organisations=[organisation],
        title="Safer streets",
        summary="How can we make our streets safer?",
        kind="challenge",
    )
    assert space.slug == "safer-streets" and list(space.organisations.all()) == [organisation]
    assert ActionLog.objects.filter(action="space_create", space=space, actor=organiser).exists()
    again = services.space_create(
        person=organiser, organisations=[organisation], title="Safer streets", summary="Second round."
    )
    assert again.slug == "safer-streets-2"


def test_participant_cannot_open_a_space(organisation, person):
    with pytest.raises(Refused):
        services.space_create(person=person, organisations=[organisation], title="Mine", summary="Mine")
    assert not Space.objects.exists()


def test_space_without_title_is_refused(organisation, organiser):
    with pytest.raises(ValidationError) as error:
        services.space_create(person=organiser, organisations=[organisation], title="  ", summary="Something")
    assert "title" in error.value.message_dict


def test_space_update_bumps_both_versions(space, organiser):
    before = Space.objects.get(pk=space.pk)
    services.space_update(person=organiser, space=space, title="New title")
    after = Space.objects.get(pk=space.pk)
    assert after.title == "New title"
    assert after.version > before.version and after.settings_version > before.settings_version


def test_space_cannot_be_part_of_itself(space, organiser):
    with pytest.raises(ValidationError):
        services.space_update(person=organiser, space=space, parent=space)


def test_phase_must_end_after_it_starts(space, organiser):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.phase_create(
            person=organiser, space=space, title="Vote", starts_at=now, ends_at=now, activities=["support"]
        )
    assert "ends_at" in error.value.message_dict
    assert Phase.objects.filter(space=space).count() == 1


def test_phase_with_unknown_activity_is_refused(space, organiser):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.phase_create(
            person=organiser,
            space=space,
            title="Vote",
            starts_at=now,
            ends_at=now + timedelta(days=2),
            activities=["fly"],
        )
    assert "fly" in error.value.message_dict["activities"][0]


def test_roles_are_given_only_to_accounts(space, organiser, person):
    role = services.space_role_grant(person=organiser, space=space, grantee=person, role="moderator")
    assert role.granted_by == organiser
    offline = factories.PersonFactory(kind="offline", email=None)
    with pytest.raises(ValidationError):
        services.space_role_grant(person=organiser, space=space, grantee=offline, role="moderator")


def _csv(text: str):
    return io.BytesIO(text.encode("utf-8"))


def test_residents_list_upload_and_verification(space, organiser, person, other_person):
    result = services.residents_upload(
        person=organiser, space=space, csv_file=_csv("reference,postcode\nab 123,ct9 1xx\nAB124,\n")
    )
    assert result == {"added": 2, "already_listed": 0}
    again = services.residents_upload(person=organiser, space=space, csv_file=_csv("reference\nAB123\nAB125\n"))
    assert again == {"added": 1, "already_listed": 1}
    with pytest.raises(ValidationError):
        services.residency_verify(person=person, space=space, reference="AB123", postcode="CT9 2ZZ")
    entry = services.residency_verify(person=person, space=space, reference="ab123", postcode="ct9 1xx")
    assert entry.person == person and entry.verified_at
    with pytest.raises(ValidationError) as error:
        services.residency_verify(person=other_person, space=space, reference="AB123", postcode="CT9 1XX")
    assert "already been used" in error.value.messages[0]


def test_residents_file_with_a_bad_line_changes_nothing(space, organiser):
    with pytest.raises(ValidationError) as error:
        services.residents_upload(person=organiser, space=space, csv_file=_csv("reference\nA1\n\nA1\n"))
    assert "Line 4 repeats the reference A1." in error.value.message_dict["file"]
    assert not Resident.objects.exists()
    with pytest.raises(ValidationError):
        services.residents_upload(person=organiser, space=space, csv_file=_csv("name\nBob\n"))
    with pytest.raises(ValidationError):
        services.residents_upload(
            person=organiser, space=space, csv_file=io.BytesIO("reference\n\xe9".encode("latin-1"))
        )


def test_report_hide_and_the_author_is_told(idea, person, moderator, other_person, django_capture_on_commit_callbacks):
    comment = ideas.comment_create(person=other_person, idea=idea, body="Cheap loans at example.com")
    comment.space = idea.space
    report = services.contribution_report(person=person, content=comment, reason="spam", details="advert")
    with pytest.raises(ValidationError):
        services.contribution_report(person=person, content=comment, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_hide(person=moderator, content=comment, reason="Advertising is not allowed (rule 3).")
    comment.refresh_from_db()
    report.refresh_from_db()
    assert comment.is_hidden and report.outcome == "hidden" and report.resolved_by == moderator
    assert Idea.objects.get(pk=idea.pk).comments_count == 0
    told = Notification.objects.get(recipient=other_person, kind="hidden")
    assert "rule 3" in told.sentence()
    services.contribution_restore(person=moderator, content=comment)
    assert Idea.objects.get(pk=idea.pk).comments_count == 1


def test_hiding_needs_a_reason_and_a_moderator(idea, person, moderator):
    with pytest.raises(ValidationError):
        services.contribution_hide(person=moderator, content=idea, reason=" ")
    with pytest.raises(Refused):
        services.contribution_hide(person=person, content=idea, reason="I do not like it")
    assert not Idea.objects.get(pk=idea.pk).is_hidden


def test_dismissed_report_keeps_the_content(idea, person, moderator):
    report = services.contribution_report(person=person, content=idea, reason="off_topic")
    services.report_dismiss(person=moderator, report=report)
    report.refresh_from_db()
    assert report.outcome == "dismissed" and not Idea.objects.get(pk=idea.pk).is_hidden
    with pytest.raises(ValidationError):
        services.report_dismiss(person=moderator, report=report)


def test_report_with_unknown_reason_is_refused(idea, person):
    with pytest.raises(ValidationError):
        services.contribution_report(person=person, content=idea, reason="boring")
    assert not Report.objects.exists()


def test_phase_dates_without_a_time_zone_are_taken_in_the_sites_zone(space, organiser):
    from datetime import datetime

    phase = services.phase_create(
        person=organiser,
        space=space,
        title="Vote",
        starts_at=datetime(2027, 5, 3, 9),
        ends_at=datetime(2027, 5, 10, 17),
        activities=["support"],
    )
    phase.refresh_from_db()
    assert timezone.localtime(phase.starts_at).hour == 9 and phase.state() == "upcoming"


def test_hiding_twice_at_once_counts_once(idea, person, moderator):
    comment = ideas.comment_create(person=person, idea=idea, body="Advert")
    first, second = (type(comment).objects.get(pk=comment.pk) for _ in range(2))
    first.space = second.space = idea.space
    services.contribution_hide(person=moderator, content=first, reason="Advertising")
    with pytest.raises(ValidationError):
        services.contribution_hide(person=moderator, content=second, reason="Advertising")
    assert Idea.objects.get(pk=idea.pk).comments_count == 0
    services.contribution_restore(person=moderator, content=first)
    with pytest.raises(ValidationError):
        services.contribution_restore(person=moderator, content=second)
    assert Idea.objects.get(pk=idea.pk).comments_count == 1


def test_residents_files_with_old_line_ends_or_huge_fields_are_explained(space, organiser):
    result = services.residents_upload(person=organiser, space=space, csv_file=_csv("reference\rA1\rA2\r"))
    assert result["added"] == 2
    with pytest.raises(ValidationError) as error:
        services.residents_upload(person=organiser, space=space, csv_file=_csv("reference\n" + "x" * 200_000 + "\n"))
    assert "cannot be read as CSV" in error.value.message_dict["file"][0]
