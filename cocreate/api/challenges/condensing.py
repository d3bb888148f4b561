"""The API for condensing."""

from ninja import Router

router = Router()
