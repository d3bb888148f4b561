from django.urls import path

from cocreate.ideas import views

app_name = "ideas"
# The most requested first: Django tries the patterns in order.
urlpatterns = [
    path("", views.idea_list, name="list"),
    path("<int:idea_id>/", views.idea_detail, name="detail"),
    path("<int:idea_id>/support/", views.support, name="support"),
    path("<int:idea_id>/follow/", views.follow, name="follow"),
    path("new/", views.idea_new, name="new"),
    path("new/for-someone/", views.idea_new_for_someone, name="new_for_someone"),
    path("similar/", views.similar, name="similar"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("topics/", views.topics, name="topics"),
    path("export/<str:what>.<str:fmt>", views.export, name="export"),
    path("<int:idea_id>/edit/", views.idea_edit, name="edit"),
    path("<int:idea_id>/withdraw/", views.idea_withdraw, name="withdraw"),
    path("<int:idea_id>/comments/", views.comment, name="comment"),
    path("<int:idea_id>/comments/<int:comment_id>/reply/", views.reply, name="reply"),
    path("<int:idea_id>/answer/", views.answer, name="answer"),
    path("<int:idea_id>/merge/", views.merge, name="merge"),
]
