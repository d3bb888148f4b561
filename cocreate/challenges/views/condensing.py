"""Pages: condensing."""

urlpatterns: list = []
