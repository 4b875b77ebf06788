"""Private files (message attachments) are stored outside MEDIA_ROOT and have no public URL."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from duallife.core.storage import private_storage


def test_private_files_live_outside_media_root_and_have_no_url(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"

    name = private_storage.save("messages/1/x.pdf", ContentFile(b"%PDF-1.4"))

    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4"
    assert not (tmp_path / "media").exists()
    with pytest.raises(ValueError, match="no URL"):
        private_storage.url(name)


def test_the_default_private_root_is_not_inside_media_root(settings):
    from pathlib import Path

    private, media = Path(settings.PRIVATE_MEDIA_ROOT).resolve(), Path(settings.MEDIA_ROOT).resolve()
    assert media not in private.parents
    assert private != media
