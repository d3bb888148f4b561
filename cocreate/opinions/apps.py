from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "cocreate.opinions"
    verbose_name = _("Opinion maps")

    def ready(self):
        from cocreate.opinions import activities, importers, personal_data  # noqa: F401  (registrations)
