"""Uploaded photos: check what a file really is, then store a clean re-encoded copy.

A photo is accepted when Pillow reads it as JPEG, PNG or WebP (the file name and the browser's
content type are not trusted), it is at most ``MAX_PHOTO_BYTES`` and at most ``MAX_PIXELS``.
Before it is stored it is re-encoded: metadata such as the GPS position in EXIF is dropped, the
orientation is applied, and very large photos are scaled down to ``MAX_EDGE`` pixels.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from duallife.core.errors import DomainError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any camera photo; refuses decompression bombs early
MAX_EDGE = 2400  # longest side stored
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class ImageRejected(DomainError, ValueError):
    """The upload is not an acceptable photo; ``str(error)`` says why, in Japanese."""


@dataclass(frozen=True)
class CheckedImage:
    format: str  # JPEG, PNG or WEBP
    width: int
    height: int


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    extension: str
    width: int
    height: int


def check_image(upload: UploadedFile) -> CheckedImage:
    """Raise :class:`ImageRejected` unless ``upload`` is a JPEG, PNG or WebP within the limits."""
    size = getattr(upload, "size", None)
    if size is None or size <= 0:
        raise ImageRejected(_("ファイルが空です。写真のファイルを選び直してください。"))
    if size > MAX_PHOTO_BYTES:
        raise ImageRejected(
            _("写真のファイルサイズは5MB以下にしてください（選んだファイルは%(size)sMBです）。")
            % {"size": f"{size / 1024 / 1024:.1f}"}
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in FORMATS:
                    raise ImageRejected(_("写真は JPEG・PNG・WebP のいずれかの形式にしてください。"))
                if width * height > MAX_PIXELS:
                    raise ImageRejected(_("写真の画素数が大きすぎます（4,000万画素以下にしてください）。"))
                image.verify()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(_("写真の画素数が大きすぎます（4,000万画素以下にしてください）。")) from None
    except UnidentifiedImageError:
        raise ImageRejected(
            _("画像として読み込めませんでした。JPEG・PNG・WebP の写真を選んでください。")
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ImageRejected(_("画像ファイルが壊れているようです。別のファイルを選んでください。")) from None
    finally:
        upload.seek(0)
    return CheckedImage(format=image_format, width=width, height=height)


def prepare_image(upload: UploadedFile) -> PreparedImage:
    """The checked photo re-encoded in its own format, without metadata, at most ``MAX_EDGE`` wide."""
    checked = check_image(upload)
    upload.seek(0)
    try:
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original) or original
            image.thumbnail((MAX_EDGE, MAX_EDGE))
            output = io.BytesIO()
            if checked.format == "JPEG":
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                image.save(output, "JPEG", quality=88, optimize=True, progressive=True)
            elif checked.format == "PNG":
                if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    image = image.convert("RGBA")
                image.save(output, "PNG", optimize=True)
            else:
                if image.mode not in ("RGB", "RGBA"):
                    image = image.convert("RGBA" if "A" in image.mode else "RGB")
                image.save(output, "WEBP", quality=85)
            width, height = image.size
    except (OSError, SyntaxError, ValueError):
        raise ImageRejected(_("画像ファイルが壊れているようです。別のファイルを選んでください。")) from None
    finally:
        upload.seek(0)
    return PreparedImage(
        content=output.getvalue(), extension=FORMATS[checked.format], width=width, height=height
    )
