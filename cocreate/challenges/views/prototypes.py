"""Pages: prototypes."""

urlpatterns: list = []
