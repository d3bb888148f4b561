from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request):
    """Site name, the language links for this page, and the unread notification count."""
    path = request.get_full_path()
    languages = [
        {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from cocreate.notifications.selectors import unread_count

        unread = unread_count(person=user)
    return {"site_name": settings.SITE_NAME, "language_links": languages, "unread_notifications": unread}
