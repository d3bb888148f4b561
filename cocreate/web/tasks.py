from django.core.management import call_command
from django_tasks import task


@task()
def prune_finished_tasks() -> None:
    """Forget finished background tasks after a week (the database backend keeps them)."""
    call_command("prune_db_task_results", min_age_days=7, verbosity=0)
