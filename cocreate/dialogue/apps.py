from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "cocreate.dialogue"
    verbose_name = _("Dialogue")

    def ready(self):
        from cocreate.dialogue import activities, personal_data  # noqa: F401  (registrations)
        from cocreate.dialogue.importers import signals  # noqa: F401  (cocreate import signals)
