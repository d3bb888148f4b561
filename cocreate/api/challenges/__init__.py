"""The challenges API: one router made of each part's own."""

from ninja import Router

from cocreate.api.challenges import condensing, events, judging, prototypes, recognition, setup, support, teams

router = Router()
for part in (setup, events, teams, prototypes, judging, condensing, support, recognition):
    router.add_router("", part.router)
