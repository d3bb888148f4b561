from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "cocreate.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from cocreate.notifications import personal_data  # noqa: F401
