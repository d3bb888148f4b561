"""The API for judging."""

from ninja import Router

router = Router()
