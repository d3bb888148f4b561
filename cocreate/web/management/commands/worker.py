"""`cocreate worker`: runs background tasks (django-tasks, database backend) and the scheduler
that enqueues recurring ones (APScheduler): grouped notification e-mails, daily digests, and the
clean-up of finished task records."""

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from cocreate.web.schedule import RECURRING


class TaskWorker(DatabaseWorker):
    """django-tasks-db's worker, telling about each task only when asked (-v 2): by default only
    warnings and failures are printed."""

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if verbosity <= 1:
            logging.getLogger(TASKS_LOGGER).setLevel(logging.WARNING)
            logging.getLogger("django_tasks_db").setLevel(logging.WARNING)


class Command(BaseCommand):
    help = "Run background tasks and the recurring-job scheduler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="only run tasks (when another worker already runs the scheduler)",
        )
        parser.add_argument("--batch", action="store_true", help="run the tasks waiting now, then stop")

    def handle(self, *args, no_scheduler, batch, **options):
        scheduler = None
        if not no_scheduler and not batch:
            scheduler = BackgroundScheduler(timezone=settings.TIME_ZONE)
            for job in RECURRING:
                scheduler.add_job(
                    job.enqueue,
                    CronTrigger.from_crontab(job.cron, timezone=settings.TIME_ZONE),
                    id=job.name,
                    name=job.name,
                    coalesce=True,
                    max_instances=1,
                )
            scheduler.start()
            self.stdout.write("Scheduler started: " + ", ".join(f"{j.name} ({j.cron})" for j in RECURRING))
        try:
            call_command(
                TaskWorker(), interval=1.0, verbosity=options.get("verbosity", 1), batch=batch, startup_delay=not batch
            )
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)
