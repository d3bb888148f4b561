from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "cocreate.spaces"
    verbose_name = _("Spaces")

    def ready(self):
        from cocreate.spaces import activities, personal_data  # noqa: F401  (registrations)
