from django.urls import path

from cocreate.budgets import views

app_name = "budgets"
urlpatterns = [
    path("new/", views.budget_new, name="new"),
    path("delivery/", views.delivery, name="delivery"),
    path("import/", views.import_pabulib, name="import"),
    path("<int:budget_id>/export.pb", views.export_pabulib, name="export"),
    path("<int:budget_id>/", views.budget_detail, name="budget"),
    path("<int:budget_id>/edit/", views.budget_edit, name="edit"),
    path("<int:budget_id>/propose/", views.project_new, name="propose"),
    path("<int:budget_id>/vote/", views.vote, name="vote"),
    path("<int:budget_id>/enter-ballot/", views.enter_ballot, name="enter"),
    path("<int:budget_id>/voting-codes/", views.voting_codes, name="codes"),
    path("<int:budget_id>/count/", views.count, name="count"),
    path("<int:budget_id>/results/", views.results, name="results"),
    path("projects/<int:project_id>/", views.project_detail, name="project"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/review/", views.project_review, name="review"),
    path("updates/<int:update_id>/attachment", views.attachment, name="attachment"),
    path("projects/<int:project_id>/withdraw/", views.project_withdraw, name="withdraw"),
    path("projects/<int:project_id>/follow/", views.project_follow, name="follow"),
    path("projects/<int:project_id>/suggestions/", views.suggestion_new, name="suggest"),
    path(
        "projects/<int:project_id>/suggestions/<int:suggestion_id>/decide/",
        views.suggestion_decide,
        name="decide",
    ),
    path("projects/<int:project_id>/updates/new/", views.delivery_update_new, name="update"),
]
