"""`cocreate worker`: runs background tasks (django-tasks, database backend) and the scheduler
that enqueues recurring ones (APScheduler): grouped notification e-mails, daily digests, and the
clean-up of finished task records."""

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cocreate.web.schedule import RECURRING

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run background tasks and the recurring-job scheduler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="only run tasks (when another worker already runs the scheduler)",
        )

    def handle(self, *args, no_scheduler, **options):
        scheduler = None
        if not no_scheduler:
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
            call_command("db_worker", interval=1.0)
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)
