from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request):
    """Site name and the language links for this page."""
    path = request.get_full_path()
    languages = [
        {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]
    return {"site_name": settings.SITE_NAME, "language_links": languages}
