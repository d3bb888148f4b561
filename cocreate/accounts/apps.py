from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cocreate.accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        from cocreate.accounts import personal_data  # noqa: F401
