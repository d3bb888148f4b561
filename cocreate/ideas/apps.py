from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "cocreate.ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from cocreate.ideas import activities, personal_data, receivers, similarity  # noqa: F401  (registrations)
        from cocreate.ideas.importers import decide_madrid  # noqa: F401

        post_migrate.connect(_ensure_search_index, sender=self)


def _ensure_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from cocreate.ideas.search import ensure_index

    ensure_index(connections[using])
