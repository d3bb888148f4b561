"""The API for setup."""

from ninja import Router

router = Router()
