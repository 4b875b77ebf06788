"""Pages of engagements, one module per part; each module lists its own ``urlpatterns``."""
