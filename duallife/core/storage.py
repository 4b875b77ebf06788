"""File storage for files that must never be served as static media (message attachments).

They live under ``settings.PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, so neither the development
server nor a proxy serving ``/media/`` can hand them out; views stream them after a permission
check. The location is read from the setting when first needed (and again after a test changes it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="duallife.core.storage.PrivateFileStorage")
class PrivateFileStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):  # no URL: these files are only ever streamed by a view
        return None

    def url(self, name):
        raise ValueError("private files have no URL; stream them through a permission-checked view")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


private_storage = PrivateFileStorage()
