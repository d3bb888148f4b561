"""A space's opinion map, under /<language>/spaces/<slug>/opinions/."""

from cocreate.opinions import views

app_name = "opinions"
urlpatterns = views.urlpatterns
