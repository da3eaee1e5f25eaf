"""PDF rendering with WeasyPrint; the renderer may fetch the portal's own static files only."""

from __future__ import annotations

import logging
import posixpath
import re
import subprocess  # nosec B404 - poppler's pdftotext on a PDF the portal made
import tempfile
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Documents are rendered against this base; only URLs under it and STATIC_URL are served.
PDF_BASE_URL = "https://portal.invalid/"
MIME_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class FetchRefused(ValueError):
    """A URL the PDF renderer is not allowed to fetch."""


class StaticOnlyFetcher(URLFetcher):
    """Serves ``<base>/static/...`` from the static files finders and refuses everything else.

    It never opens a socket or a file outside the static directories: file://, http(s)://,
    data: and every other scheme are refused, so there are no redirects to follow either.
    """

    def __init__(self):
        super().__init__(allow_redirects=False)
        self.refused: list[str] = []

    def static_path(self, url: str) -> str | None:
        parts = urlsplit(url)
        base = urlsplit(PDF_BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
            return None
        path = unquote(parts.path)
        if not path.startswith(settings.STATIC_URL):
            return None
        relative = path[len(settings.STATIC_URL) :]
        normalized = posixpath.normpath(relative)
        if normalized.startswith(("..", "/")) or normalized != relative or "\\" in relative:
            return None
        suffix = posixpath.splitext(normalized)[1].lower()
        return normalized if suffix in MIME_TYPES else None

    @staticmethod
    def locate(relative: str) -> str | None:
        """A static file in the source tree, or collected (hashed names) under STATIC_ROOT."""
        found = finders.find(relative)
        if found:
            return found
        if staticfiles_storage.exists(relative):
            return staticfiles_storage.path(relative)
        return None

    def fetch(self, url, headers=None):
        relative = self.static_path(url)
        found = self.locate(relative) if relative else None
        if not found:
            self.refused.append(url)
            logger.warning("PDF renderer refused to fetch %s", url[:200])
            raise FetchRefused(f"refused: {url[:200]}")
        with open(found, "rb") as handle:
            body = handle.read()
        mime = MIME_TYPES[posixpath.splitext(relative)[1].lower()]
        return URLFetcherResponse(url, body, headers={"Content-Type": mime})


def render_pdf(
    template_name: str,
    context: dict,
    *,
    request=None,
    fetcher: StaticOnlyFetcher | None = None,
    pdf_variant: str | None = None,
) -> bytes:
    """Render a template (extending ``pdf/base.html``) to PDF bytes."""
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html, fetcher=fetcher, pdf_variant=pdf_variant)


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None, pdf_variant: str | None = None) -> bytes:
    """A tagged PDF (structure for screen readers and archives); title and language come from the HTML.

    ``pdf_variant`` is WeasyPrint's: "pdf/a-3b" for the documents kept in an archive (signed, approved).
    """
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher or StaticOnlyFetcher())
    return document.write_pdf(pdf_tags=True, pdf_variant=pdf_variant)


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


RIGHT_EDGE = 20  # points: no word of a document may come closer than this to the right edge of its page
_PAGE = re.compile(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def words_near_the_right_edge(pdf: bytes, edge: float = RIGHT_EDGE) -> list[tuple[int, str, float]]:
    """(page, word, right end) of every word within ``edge`` points of its page's right edge, read by
    poppler's ``pdftotext -bbox`` as a department's archive would (poppler-utils must be installed)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        boxes = subprocess.run(  # nosec B603 B607 - fixed arguments, no shell
            ["pdftotext", "-bbox", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    found = []
    for number, (width, body) in enumerate(_PAGE.findall(boxes), start=1):
        limit = float(width) - edge
        found += [(number, word, float(x_max)) for x_max, word in _WORD.findall(body) if float(x_max) > limit]
    return found
