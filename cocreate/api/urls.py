from ninja import NinjaAPI

from cocreate.api import errors
from cocreate.api.budgets import router as budgets_router
from cocreate.api.challenges import router as challenges_router
from cocreate.api.dialogue import router as dialogue_router
from cocreate.api.ideas import router as ideas_router
from cocreate.api.opinions import router as opinions_router
from cocreate.api.spaces import router as spaces_router

api = NinjaAPI(
    title="Cocreate API",
    version="1",
    description=(
        "Spaces, phases, ideas, comments and supports; participatory budgets, their projects, your own "
        "ballot and the results (never who voted for what). Read without signing in; write with your "
        "browser session (and its CSRF token) or a personal API key from your account page, sent as "
        "`Authorization: Bearer cc_…`. Every refusal and every invalid field comes back as JSON: "
        '`{"detail": "…", "field": "…"}`.'
    ),
    urls_namespace="api",
    docs_url="/docs",
    parser=errors.JsonObjectParser(),
)
errors.install(api)
api.add_router("", spaces_router)
api.add_router("", ideas_router)
api.add_router("", budgets_router)
api.add_router("", challenges_router)
api.add_router("", dialogue_router)
api.add_router("", opinions_router)
