from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "cocreate.budgets"
    verbose_name = _("Participatory budgeting")

    def ready(self):
        from cocreate.budgets import activities, personal_data  # noqa: F401  (registrations)
