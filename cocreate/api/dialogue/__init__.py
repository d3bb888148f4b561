"""The dialogue API: questions to officials and listening."""

from ninja import Router

from cocreate.api.dialogue import listening, questions

router = Router()
for part in (questions, listening):
    router.add_router("", part.router)
