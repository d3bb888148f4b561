from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "cocreate.dialogue"
    verbose_name = _("Dialogue")
