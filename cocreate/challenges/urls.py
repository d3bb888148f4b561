"""A challenge's pages, under /<language>/spaces/<slug>/ (each part's own prefix: events/, teams/,
prototypes/, judging/, proposals/, support/, recognition/, challenge/)."""

from cocreate.challenges.views import condensing, events, judging, prototypes, recognition, setup, support, teams

app_name = "challenges"
urlpatterns = [
    *setup.urlpatterns,
    *events.urlpatterns,
    *teams.urlpatterns,
    *prototypes.urlpatterns,
    *judging.urlpatterns,
    *condensing.urlpatterns,
    *support.urlpatterns,
    *recognition.urlpatterns,
]
