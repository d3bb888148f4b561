"""Pages: recognition."""

urlpatterns: list = []
