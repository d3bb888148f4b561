from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info


def site(request):
    """Site name and the language links for this page. The links are made only if the template
    shows them (the full pages do, fragments do not): each one resolves and reverses the address."""
    path = request.get_full_path()

    def language_links():
        return [
            {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
            for code, _name in settings.LANGUAGES
        ]

    return {"site_name": settings.SITE_NAME, "language_links": SimpleLazyObject(language_links)}
