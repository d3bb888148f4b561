from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocreate.ideas import services
from cocreate.ideas.models import Comment, Follow, Idea, IdeaStatus, Support
from cocreate.notifications.models import Notification
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import Refused
from tests import factories

pytestmark = pytest.mark.django_db


def test_submitted_idea_has_its_author_following_it(space, person):
    idea = services.idea_submit(
        person=person,
        space=space,
        title="Safer crossing at the school",
        body="A zebra crossing outside St Mary's primary school.",
    )
    assert idea.author_people() == [person]
    assert Follow.objects.filter(idea=idea, person=person).exists()
    assert idea.status == IdeaStatus.SUBMITTED
    assert "school" in idea.search_text


def test_too_short_title_is_refused_and_nothing_is_saved(space, person):
    with pytest.raises(ValidationError) as error:
        services.idea_submit(person=person, space=space, title="Hi", body="A long enough description here.")
    assert "title" in error.value.message_dict
    assert Idea.objects.count() == 0


def test_theme_from_another_space_is_refused(space, person):
    elsewhere = factories.theme(factories.open_space(), "Elsewhere")
    with pytest.raises(ValidationError) as error:
        services.idea_submit(
            person=person, space=space, title="Bus shelters", body="Shelters at every stop.", themes=[elsewhere]
        )
    assert "themes" in error.value.message_dict
    assert Idea.objects.count() == 0


def test_co_author_without_account_gets_a_clear_message(space, person):
    with pytest.raises(ValidationError) as error:
        services.idea_submit(
            person=person,
            space=space,
            title="Bus shelters",
            body="Shelters at every stop.",
            co_author_emails=["nobody@example.org"],
        )
    assert "nobody@example.org" in error.value.message_dict["co_authors"][0]


def test_co_authors_are_authors_and_are_told(space, person, other_person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        idea = services.idea_submit(
            person=person,
            space=space,
            title="Bus shelters",
            body="Shelters at every stop.",
            co_author_emails=[other_person.email.upper()],
        )
    assert {p.pk for p in idea.author_people()} == {person.pk, other_person.pk}
    assert Notification.objects.filter(recipient=other_person, kind="co_author_added").exists()


def test_submitting_outside_an_open_phase_is_refused_with_the_date(person):
    space = factories.SpaceFactory()
    starts = timezone.now() + timedelta(days=10)
    factories.PhaseFactory(space=space, starts_at=starts, ends_at=starts + timedelta(days=5))
    space = Space.objects.get(pk=space.pk)
    with pytest.raises(Refused) as refusal:
        services.idea_submit(person=person, space=space, title="Bus shelters", body="Shelters at every stop.")
    assert "You can submit ideas from" in refusal.value.reason
    assert str(starts.day) in refusal.value.reason


def test_staff_enter_an_idea_for_someone_who_took_part_offline(space, organiser):
    idea = services.idea_submit(
        person=organiser,
        space=space,
        title="Benches in the park",
        body="Said at the Ramsgate workshop: more benches.",
        origin="event",
        event_name="Ramsgate workshop",
        offline_author_name="Margaret",
    )
    author = idea.author_people()[0]
    assert author.public_name == "Margaret" and author.kind == "offline"
    assert idea.entered_by == organiser and idea.origin == "event"


def test_a_participant_cannot_enter_ideas_for_others(space, person):
    with pytest.raises(Refused):
        services.idea_submit(
            person=person,
            space=space,
            title="Benches in the park",
            body="More benches please.",
            origin="event",
            offline_author_name="Margaret",
        )


def test_second_support_by_same_person_is_not_counted(idea, person):
    first, created = services.idea_support(person=person, idea=idea)
    again, created_again = services.idea_support(person=person, idea=idea)
    assert created and not created_again and first.pk == again.pk
    idea.refresh_from_db()
    assert idea.supports_count == 1 == Support.objects.filter(idea=idea).count()


def test_withdrawn_support_is_no_longer_counted(idea, person):
    services.idea_support(person=person, idea=idea)
    assert services.idea_unsupport(person=person, idea=idea)
    assert not services.idea_unsupport(person=person, idea=idea)
    idea.refresh_from_db()
    assert idea.supports_count == 0


def test_support_bumps_the_versions_that_cached_pages_carry(idea, person):
    space_version, idea_version = idea.space.version, Idea.objects.get(pk=idea.pk).version
    services.idea_support(person=person, idea=idea)
    assert Space.objects.get(pk=idea.space_id).version > space_version
    assert Idea.objects.get(pk=idea.pk).version > idea_version


def test_supporting_after_the_phase_closed_is_refused(idea, person):
    factories.change_phases(
        idea.space, ends_at=timezone.now() - timedelta(hours=1), starts_at=timezone.now() - timedelta(days=3)
    )
    idea = Idea.objects.select_related("space").get(pk=idea.pk)
    with pytest.raises(Refused) as refusal:
        services.idea_support(person=person, idea=idea)
    assert "ended on" in refusal.value.reason
    assert Support.objects.count() == 0


def test_comment_tells_followers_but_not_the_commenter(idea, person, other_person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(person=person, idea=idea, body="Good idea, and cheap.")
    assert Notification.objects.filter(recipient=other_person, kind="commented").count() == 1
    assert not Notification.objects.filter(recipient=person).exists()
    assert Follow.objects.filter(idea=idea, person=person).exists()
    idea.refresh_from_db()
    assert idea.comments_count == 1


def test_reply_reaches_the_parent_author_as_a_reply(idea, person, django_capture_on_commit_callbacks):
    parent = services.comment_create(person=person, idea=idea, body="Where exactly?")
    third = factories.PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(person=third, idea=idea, body="Near the station.", parent=parent)
    kinds = set(Notification.objects.filter(recipient=person).values_list("kind", flat=True))
    assert kinds == {"replied"}


def test_empty_comment_is_refused(idea, person):
    with pytest.raises(ValidationError):
        services.comment_create(person=person, idea=idea, body="   ")
    assert Comment.objects.count() == 0


def test_replies_deeper_than_three_levels_attach_to_the_last_level(idea, person):
    level0 = services.comment_create(person=person, idea=idea, body="0")
    level1 = services.comment_create(person=person, idea=idea, body="1", parent=level0)
    level2 = services.comment_create(person=person, idea=idea, body="2", parent=level1)
    level3 = services.comment_create(person=person, idea=idea, body="3", parent=level2)
    assert (level1.depth, level2.depth, level3.depth) == (1, 2, 2)
    assert level3.parent_id == level1.pk


def test_official_answer_sets_status_and_tells_followers(
    idea, organiser, other_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_answer(
            person=organiser, idea=idea, status=IdeaStatus.ACCEPTED, body="We will pilot this in Margate next spring."
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED and idea.answer.answered_by == organiser
    assert Notification.objects.filter(recipient=other_person, kind="answered").exists()


def test_a_participant_cannot_answer(idea, person):
    with pytest.raises(Refused) as refusal:
        services.idea_answer(person=person, idea=idea, status=IdeaStatus.ACCEPTED, body="Yes, we will do it.")
    assert "organisers and evaluators" in refusal.value.reason


def test_answer_with_a_status_that_is_not_a_decision_is_refused(idea, organiser):
    with pytest.raises(ValidationError):
        services.idea_answer(person=organiser, idea=idea, status=IdeaStatus.MERGED, body="Merged with another.")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SUBMITTED


def test_merge_carries_supports_once_and_keeps_them_traceable(space, organiser, django_capture_on_commit_callbacks):
    a, b, c = (factories.PersonFactory() for _ in range(3))
    target = factories.IdeaFactory(space=space, title="Bus times at rural stops")
    source = factories.IdeaFactory(space=space, title="Live bus times in villages")
    services.idea_support(person=a, idea=target)
    services.idea_support(person=a, idea=source)
    services.idea_support(person=b, idea=source)
    services.idea_support(person=c, idea=source)
    with django_capture_on_commit_callbacks(execute=True):
        services.ideas_merge(person=organiser, target=target, sources=[source])
    target.refresh_from_db()
    source.refresh_from_db()
    assert target.supports_count == 3
    assert source.supports_count == 3 and source.status == IdeaStatus.MERGED and source.merged_into == target
    carried = Support.objects.filter(idea=target, carried_from=source)
    assert set(carried.values_list("person", flat=True)) == {b.pk, c.pk}
    source_author = source.author_people()[0]
    assert Notification.objects.filter(recipient=source_author, kind="merged").exists()
    assert Follow.objects.filter(idea=target, person=source_author).exists()


def test_merged_idea_cannot_be_supported_and_says_where_to_go(space, organiser, person):
    target = factories.IdeaFactory(space=space, title="Bus times at rural stops")
    source = factories.IdeaFactory(space=space, title="Live bus times in villages")
    services.ideas_merge(person=organiser, target=target, sources=[source])
    source = Idea.objects.select_related("merged_into", "space").get(pk=source.pk)
    with pytest.raises(Refused) as refusal:
        services.idea_support(person=person, idea=source)
    assert "Bus times at rural stops" in refusal.value.reason


def test_merging_into_itself_only_is_refused(idea, organiser):
    with pytest.raises(ValidationError):
        services.ideas_merge(person=organiser, target=idea, sources=[idea])


def test_merge_across_spaces_is_refused(idea, organiser):
    elsewhere = factories.IdeaFactory(space=factories.open_space())
    with pytest.raises(ValidationError):
        services.ideas_merge(person=organiser, target=idea, sources=[elsewhere])
    elsewhere.refresh_from_db()
    assert elsewhere.merged_into is None


def test_only_authors_edit_and_only_before_an_answer(idea, person, organiser, other_person):
    with pytest.raises(Refused):
        services.idea_update(person=person, idea=idea, title="Changed title", body="Changed description text.")
    services.idea_update(person=other_person, idea=idea, title="Changed title", body="Changed description text.")
    services.idea_answer(person=organiser, idea=idea, status=IdeaStatus.ACCEPTED, body="We will do it soon.")
    idea = Idea.objects.get(pk=idea.pk)
    with pytest.raises(Refused):
        services.idea_update(person=other_person, idea=idea, title="Again", body="Changed description text.")


def test_edit_does_not_lose_supports_given_meanwhile(idea, person, other_person):
    stale = Idea.objects.get(pk=idea.pk)
    services.idea_support(person=person, idea=idea)
    services.idea_update(person=other_person, idea=stale, title="Changed title", body="Changed description text.")
    assert Idea.objects.get(pk=idea.pk).supports_count == 1


def test_withdrawn_idea_cannot_be_supported(idea, person, other_person):
    services.idea_withdraw(person=other_person, idea=idea)
    idea.refresh_from_db()
    with pytest.raises(Refused) as refusal:
        services.idea_support(person=person, idea=idea)
    assert "Withdrawn" in refusal.value.reason


def test_recount_fixes_counters_and_keeps_imported_supports(idea, person):
    services.idea_support(person=person, idea=idea)
    Idea.objects.filter(pk=idea.pk).update(supports_count=40, comments_count=9, imported_supports_count=500)
    assert services.ideas_recount(space=idea.space) == 1
    idea.refresh_from_db()
    assert (idea.supports_count, idea.comments_count, idea.imported_supports_count) == (1, 0, 500)


def test_a_withdrawn_idea_needs_no_answer(idea, other_person, organiser):
    services.idea_withdraw(person=other_person, idea=idea)
    with pytest.raises(Refused):
        services.idea_answer(
            person=organiser,
            idea=Idea.objects.get(pk=idea.pk),
            status=IdeaStatus.ACCEPTED,
            body="We will do it anyway.",
        )
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.WITHDRAWN


def test_a_deep_reply_tells_the_person_replied_to(idea, person, django_capture_on_commit_callbacks):
    a, b, c = (factories.PersonFactory() for _ in range(3))
    level0 = services.comment_create(person=a, idea=idea, body="0")
    level1 = services.comment_create(person=b, idea=idea, body="1", parent=level0)
    level2 = services.comment_create(person=c, idea=idea, body="2", parent=level1)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(person=person, idea=idea, body="3", parent=level2)
    assert Notification.objects.filter(recipient=c, kind="replied").exists()
