"""Sent inside the moderation transaction, so that the app owning the content can keep its
counters and caches right and tell the authors. Arguments: `content`, `moderator`."""

from django.dispatch import Signal

contribution_hidden = Signal()
contribution_restored = Signal()
