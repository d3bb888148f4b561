"""The API for events."""

from ninja import Router

router = Router()
