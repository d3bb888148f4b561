"""Site-wide pages: the home page, the accessibility statement, open data, errors, and the
plain hello-world view the web benchmark measures everything against."""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cocreate.ideas.selectors import ideas_authored
from cocreate.spaces.models import SpaceKind
from cocreate.spaces.selectors import space_list


@require_GET
def hello(request):
    """13 bytes through the whole middleware stack: the benchmark's yardstick."""
    return HttpResponse(b"Hello, world!", content_type="text/plain")


def choose_language(request):
    """/ → /fr/ etc.: the person's chosen language, else their browser's, else English."""
    language = None
    if request.user.is_authenticated and request.user.preferred_language:
        language = request.user.preferred_language
    language = language or translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


@require_GET
def home(request):
    spaces = list(space_list(viewer=request.user))
    mine = list(ideas_authored(person=request.user)[:5]) if request.user.is_authenticated else []
    return render(request, "web/home.html", {"spaces": spaces, "my_ideas": mine, "kinds": SpaceKind})


@require_GET
@cache_control(max_age=3600, public=True)
def accessibility(request):
    return render(request, "web/accessibility.html")


@require_GET
def open_data(request):
    return render(request, "web/open_data.html", {"spaces": list(space_list(viewer=request.user))})


def refused(request, exception=None):
    """403: say why, and what to do next (sign in, verify residency…)."""
    decision = getattr(exception, "decision", None)
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "web/refused.html", {"decision": decision, "reason": reason}, status=403)


def not_found(request, exception=None):
    return render(request, "web/not_found.html", status=404)


def server_error(request):
    return render(request, "web/server_error.html", status=500)
