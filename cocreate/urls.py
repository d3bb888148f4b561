from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from cocreate.api.urls import api
from cocreate.web import views as web

handler403 = "cocreate.web.views.refused"
handler404 = "cocreate.web.views.not_found"
handler500 = "cocreate.web.views.server_error"

urlpatterns = [
    path("hello", web.hello, name="hello"),
    path("", web.choose_language, name="root"),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# The most visited pages first: Django tries the patterns in order.
urlpatterns += i18n_patterns(
    path("spaces/<slug:slug>/ideas/", include("cocreate.ideas.urls")),
    path("spaces/<slug:slug>/budgets/", include("cocreate.budgets.urls")),
    path("spaces/<slug:slug>/", include("cocreate.challenges.urls")),
    path("spaces/<slug:slug>/", include("cocreate.dialogue.urls")),
    path("spaces/<slug:slug>/opinions/", include("cocreate.opinions.urls")),
    path("spaces/", include("cocreate.spaces.urls")),
    path("challenges/", include("cocreate.challenges.start_urls")),
    path("", web.home, name="home"),
    path("accessibility/", web.accessibility, name="accessibility"),
    path("open-data/", web.open_data, name="open_data"),
    path("", include("cocreate.accounts.urls")),
    path("", include("cocreate.notifications.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=True,
)

admin.site.site_header = admin.site.site_title = f"{settings.SITE_NAME} administration"
