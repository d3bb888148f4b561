"""Pages: setup."""

urlpatterns: list = []
