"""Starting a challenge happens before its space exists, so its page lives outside the
space's URLs: /<language>/challenges/start/ (included from cocreate/urls.py)."""

from django.urls import path

from cocreate.challenges.views.setup import challenge_start_page

urlpatterns = [
    path("start/", challenge_start_page, name="challenge_start"),
]
