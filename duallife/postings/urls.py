"""URLs of spec sheets (``/sheets/``). Each page module owns its own ``urlpatterns``."""

from .views import approval, cowriting, listing, sheets

app_name = "postings"

urlpatterns = [
    *listing.urlpatterns,
    *sheets.urlpatterns,
    *approval.urlpatterns,
    *cowriting.urlpatterns,
]
