from django.urls import path

from cocreate.spaces import views

app_name = "spaces"
urlpatterns = [
    path("", views.space_index, name="index"),
    path("new/", views.space_new, name="new"),
    path("<slug:slug>/", views.space_detail, name="detail"),
    path("<slug:slug>/edit/", views.space_edit, name="edit"),
    path("<slug:slug>/phases/new/", views.phase_new, name="phase_new"),
    path("<slug:slug>/phases/<int:phase_id>/", views.phase_edit, name="phase_edit"),
    path("<slug:slug>/phases/<int:phase_id>/delete/", views.phase_delete, name="phase_delete"),
    path("<slug:slug>/people/", views.space_people, name="people"),
    path("<slug:slug>/people/<int:role_id>/remove/", views.space_role_remove, name="role_remove"),
    path("<slug:slug>/residents/", views.residents, name="residents"),
    path("<slug:slug>/residency/", views.residency, name="residency"),
    path("<slug:slug>/moderation/", views.moderation, name="moderation"),
    path("<slug:slug>/report/<str:kind>/<int:content_id>/", views.report, name="report"),
    path("<slug:slug>/moderation/<str:kind>/<int:content_id>/hide/", views.hide, name="hide"),
    path("<slug:slug>/moderation/<str:kind>/<int:content_id>/restore/", views.restore, name="restore"),
    path("<slug:slug>/moderation/reports/<int:report_id>/dismiss/", views.dismiss, name="dismiss"),
]
