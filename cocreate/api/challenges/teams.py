"""The API for teams."""

from ninja import Router

router = Router()
