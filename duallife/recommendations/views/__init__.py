"""Pages of recommendations, one module per topic; each module lists its own ``urlpatterns``."""
