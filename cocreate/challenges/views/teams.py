"""Pages: teams."""

urlpatterns: list = []
