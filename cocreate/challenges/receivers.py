"""Every challenge space has its Challenge row (its settings), however the space was made: by
`challenge_start` from a template, or as a plain space of kind "challenge" (which starts with
the competition template's settings). And the seven kinds of support offered everywhere are
there after every migrate, and after a flush (which empties the tables the migrations filled)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cocreate.challenges.models import Challenge, ChallengeTemplate
from cocreate.challenges.models.support import add_built_in_support_kinds
from cocreate.spaces.models import Space, SpaceKind


@receiver(post_save, sender=Space, dispatch_uid="challenge_for_challenge_space")
def challenge_for_challenge_space(sender, instance: Space, raw=False, **kwargs) -> None:
    if raw or instance.kind != SpaceKind.CHALLENGE:
        return
    Challenge.objects.get_or_create(
        space=instance, defaults={"template": ChallengeTemplate.COMPETITION, "created_by": instance.created_by}
    )


def built_in_support_kinds_after_migrate(sender, **kwargs) -> None:
    add_built_in_support_kinds()
