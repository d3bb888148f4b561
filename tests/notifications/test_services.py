import pytest
from django.core import mail
from django.urls import reverse

from cocreate.ideas import services as ideas
from cocreate.notifications import services
from cocreate.notifications.email import unsubscribe_token
from cocreate.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_idea(idea, person, django_capture_on_commit_callbacks):
    """Three events on an idea `other_person` wrote (and so follows)."""
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("First", "Second", "Third"):
            ideas.comment_create(person=person, idea=idea, body=text)
    return idea


def test_events_are_grouped_into_one_email(busy_idea, other_person):
    mail.outbox.clear()
    assert services.email_digests_send(frequency="grouped") == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [other_person.email]
    assert message.body.count("commented on") == 3
    assert "/unsubscribe/" in message.body and "List-Unsubscribe" in message.extra_headers
    assert services.email_digests_send(frequency="grouped") == 0, "the same events are not sent twice"


def test_daily_people_wait_for_the_daily_email(busy_idea, other_person):
    other_person.email_frequency = "daily"
    other_person.save()
    assert services.email_digests_send(frequency="grouped") == 0
    assert services.email_digests_send(frequency="daily") == 1


def test_people_who_want_no_email_get_none(busy_idea, other_person):
    other_person.email_frequency = "never"
    other_person.save()
    assert services.email_digests_send(frequency="grouped") == 0
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_failed_sending_gives_the_notifications_back(busy_idea, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_services.BrokenBackend"
    assert services.email_digests_send(frequency="grouped") == 0
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 3


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMTP server down")


def test_unsubscribe_link_works_without_signing_in(client, other_person):
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(other_person)])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    other_person.refresh_from_db()
    assert other_person.email_frequency == "never"


def test_forged_unsubscribe_link_is_refused(client, other_person):
    response = client.post(reverse("notifications:unsubscribe", args=[f"{other_person.pk}:forged"]))
    assert response.status_code == 400
    other_person.refresh_from_db()
    assert other_person.email_frequency == "grouped"


def test_notifications_page_and_mark_read(client, busy_idea, other_person):
    client.force_login(other_person)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "commented on" in page
    client.post(reverse("notifications:mark_read"))
    assert not Notification.objects.filter(recipient=other_person, read_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection between tasks
def test_the_worker_runs_queued_notifications(idea, person, other_person, settings):
    """With the database task backend (as `cocreate worker` runs it), the event waits in the
    queue until a worker takes it."""
    from django.core.management import call_command

    from cocreate.notifications.tasks import notify

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    notify.enqueue(kind="commented", idea_id=idea.pk, actor_id=person.pk)
    assert not Notification.objects.exists()
    call_command("worker", "--batch", verbosity=0)
    assert Notification.objects.filter(recipient=other_person).count() == 1


def test_inbox_leaves_out_ideas_hidden_since(client, busy_idea, other_person, moderator):
    from cocreate.spaces.services import contribution_hide

    busy_idea.space = busy_idea.space
    contribution_hide(person=moderator, content=busy_idea, reason="Off topic")
    client.force_login(other_person)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "commented on" not in page
