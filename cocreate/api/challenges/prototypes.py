"""The API for prototypes."""

from ninja import Router

router = Router()
