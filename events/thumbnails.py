"""Thumbnails of event photos (Pillow): small JPEGs without the camera's metadata."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_SIZE = (640, 640)
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger ones are refused before they are decoded
FORMATS = {"JPEG", "PNG"}


def _opened(file) -> Image.Image:
    """The image of an upload, checked to be a JPEG or PNG of a sane size."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            if image.format not in FORMATS:
                raise ValidationError(f"Фотография — файл JPEG или PNG, а это {image.format or 'иной формат'}.")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"Фотография слишком большая: {width}×{height} точек, допускается до {MAX_PIXELS // 1_000_000} Мп."
                )
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, SyntaxError):
        raise ValidationError(
            "Файл не удалось прочитать как изображение: он повреждён или это не фотография."
        ) from None
    finally:
        file.seek(0)
    return image


def thumbnail_of(file) -> ContentFile:
    """A JPEG at most THUMBNAIL_SIZE, turned as the camera meant it; ValidationError for a file that is no photo."""
    image = ImageOps.exif_transpose(_opened(file))
    image.thumbnail(THUMBNAIL_SIZE)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.convert("RGBA").getchannel("A"))
        image = background
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return ContentFile(out.getvalue(), name="thumbnail.jpg")
