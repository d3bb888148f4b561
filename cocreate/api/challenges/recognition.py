"""The API for recognition."""

from ninja import Router

router = Router()
