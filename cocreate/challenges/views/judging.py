"""Pages: judging."""

urlpatterns: list = []
