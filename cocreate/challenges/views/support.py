"""Pages: support."""

urlpatterns: list = []
