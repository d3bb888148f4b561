"""Recurring jobs: when the scheduler in `cocreate worker` enqueues which task.

Each job only enqueues; the task worker runs it. Running a job twice (two schedulers, or a
restart) is harmless: the digest claims each notification before sending it."""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class RecurringJob:
    name: str
    cron: str
    task: str
    kwargs: dict = field(default_factory=dict)

    def enqueue(self):
        from django.utils.module_loading import import_string

        return import_string(self.task).enqueue(**self.kwargs)


RECURRING = [
    RecurringJob(
        "grouped e-mails",
        settings.DIGEST_CRON,
        "cocreate.notifications.tasks.send_email_digests",
        {"frequency": "grouped"},
    ),
    RecurringJob(
        "daily e-mails", "0 7 * * *", "cocreate.notifications.tasks.send_email_digests", {"frequency": "daily"}
    ),
    # Every 5 minutes: a ballot stays changeable by its voter only until the vote closes.
    RecurringJob("seal closed ballots", "*/5 * * * *", "cocreate.budgets.tasks.seal_closed_ballots"),
    # Hourly: access needs given at registration are deleted once the event has ended.
    RecurringJob("delete access needs", "15 * * * *", "cocreate.challenges.tasks.events.delete_access_needs"),
    RecurringJob("prune finished tasks", "30 3 * * *", "cocreate.web.tasks.prune_finished_tasks"),
    # Daily: check-ins 3, 6 and 12 months after a challenge, each sent to its team once.
    RecurringJob("send due check-ins", "0 9 * * *", "cocreate.challenges.tasks.support.send_due_check_ins"),
    # Hourly: selection rounds whose date has come select their most supported open questions.
    RecurringJob(
        "close due selection rounds", "20 * * * *", "cocreate.dialogue.tasks.questions.close_due_selection_rounds"
    ),
    # Every 10 minutes: opinion maps with new votes since their last update (a vote also updates
    # its space's map at once when 500 votes have gathered).
    RecurringJob("update opinion maps", "*/10 * * * *", "cocreate.opinions.tasks.update_due_opinion_maps"),
    # Listening: feeds whose interval has passed are read; emerging issues recomputed daily.
    RecurringJob("fetch due feeds", "*/10 * * * *", "cocreate.dialogue.tasks.listening.fetch_due_feeds"),
    RecurringJob(
        "recompute emerging issues", "45 5 * * *", "cocreate.dialogue.tasks.listening.recompute_all_emerging_issues"
    ),
]
