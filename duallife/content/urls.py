"""URLs of the secretariat's pages, their editor, the contact form and the inquiries (at the
site's root: ``/terms/``, ``/privacy/``, ``/contact/``, ``/pages/…``)."""

from .views import urlpatterns

app_name = "content"

__all__ = ["app_name", "urlpatterns"]
