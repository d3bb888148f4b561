"""The map of a space is brought up to date by the task worker: after enough new votes, or by
the recurring job whatever the number."""

import pytest

from cocreate.opinions import services, tasks
from cocreate.opinions.models import OpinionMap
from cocreate.web.schedule import RECURRING
from tests.factories import PersonFactory
from tests.opinions.factories import opinion_space, seed

pytestmark = pytest.mark.django_db


def vote(person, statement, choice, capture):
    with capture(execute=True):
        services.statement_vote(person=person, statement=statement, choice=choice)


def test_each_vote_updates_the_map_only_when_enough_new_votes_arrived(settings, django_capture_on_commit_callbacks):
    settings.OPINION_MAP_VOTES_PER_UPDATE = 4
    space, staff = opinion_space()
    statements = seed(space, staff, "One.", "Two.", "Three.", "Four.")
    first, second = PersonFactory(), PersonFactory()
    vote(first, statements[0], "agree", django_capture_on_commit_callbacks)
    assert OpinionMap.objects.get(space=space).votes_counted == 1  # no map yet: the first vote makes one
    for s in statements[1:]:
        vote(first, s, "agree", django_capture_on_commit_callbacks)
    assert OpinionMap.objects.get(space=space).votes_counted == 1  # 3 new votes: below 4
    vote(second, statements[0], "disagree", django_capture_on_commit_callbacks)
    assert OpinionMap.objects.get(space=space).votes_counted == 5  # the 4th new vote


def test_recurring_job_updates_maps_with_any_new_vote(settings):
    settings.OPINION_MAP_VOTES_PER_UPDATE = 500
    space, staff = opinion_space()
    quiet, _ = opinion_space()
    (s,) = seed(space, staff, "One.")
    services.statement_vote(person=PersonFactory(), statement=s, choice="agree")
    assert tasks.update_due_opinion_maps.call() == 1
    assert OpinionMap.objects.get(space=space).votes_counted == 1
    assert not OpinionMap.objects.filter(space=quiet).exists()
    assert tasks.update_due_opinion_maps.call() == 0  # nothing new
    services.statement_vote(person=PersonFactory(), statement=s, choice="pass")
    assert tasks.update_due_opinion_maps.call() == 1
    assert OpinionMap.objects.get(space=space).votes_counted == 2


def test_changed_vote_counts_as_new(settings):
    space, staff = opinion_space()
    (s,) = seed(space, staff, "One.")
    voter = PersonFactory()
    services.statement_vote(person=voter, statement=s, choice="agree")
    services.opinion_map_update(space=space)
    services.statement_vote(person=voter, statement=s, choice="disagree")
    assert services.spaces_with_new_votes() == [space.pk]


def test_the_recurring_job_is_scheduled():
    job = next(j for j in RECURRING if j.task == "cocreate.opinions.tasks.update_due_opinion_maps")
    assert job.cron == "*/10 * * * *"


def test_task_for_a_deleted_space_does_nothing():
    assert tasks.update_opinion_map.call(space_id=987654) is False
