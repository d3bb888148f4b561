from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "cocreate.challenges"
    verbose_name = _("Challenges and competitions")

    def ready(self):
        from django.db.models.signals import post_migrate

        from cocreate.challenges import activities, personal_data, receivers  # noqa: F401  (registrations)

        post_migrate.connect(receivers.built_in_support_kinds_after_migrate, sender=self)
