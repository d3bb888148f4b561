"""The pages of a challenge, one module per part; each module lists its own `urlpatterns`."""
