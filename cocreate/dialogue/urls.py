"""A dialogue space's pages, under /<language>/spaces/<slug>/ (questions/, listening/)."""

from cocreate.dialogue.views import listening, questions

app_name = "dialogue"
urlpatterns = [*questions.urlpatterns, *listening.urlpatterns]
