from .views import claims, programs, reviews

app_name = "subsidies"

urlpatterns = [*programs.urlpatterns, *claims.urlpatterns, *reviews.urlpatterns]
