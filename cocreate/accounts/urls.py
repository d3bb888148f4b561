from django.urls import path

from cocreate.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/data/", views.data_download, name="data_download"),
    path("me/delete/", views.delete_account, name="delete"),
    path("me/api-keys/", views.api_tokens, name="api_tokens"),
    path("me/api-keys/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("people/<int:person_id>/", views.person_public, name="person"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("organisations/<slug:slug>/members/", views.organisation_members, name="organisation_members"),
    path("organisations/<slug:slug>/members/<int:membership_id>/", views.membership_edit, name="membership_edit"),
]
