"""Every challenge space has its Challenge row (its settings), however the space was made: by
`challenge_start` from a template, or as a plain space of kind "challenge" (which starts with
the competition template's settings)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cocreate.challenges.models import Challenge, ChallengeTemplate
from cocreate.spaces.models import Space, SpaceKind


@receiver(post_save, sender=Space, dispatch_uid="challenge_for_challenge_space")
def challenge_for_challenge_space(sender, instance: Space, raw=False, **kwargs) -> None:
    if raw or instance.kind != SpaceKind.CHALLENGE:
        return
    Challenge.objects.get_or_create(
        space=instance, defaults={"template": ChallengeTemplate.COMPETITION, "created_by": instance.created_by}
    )
