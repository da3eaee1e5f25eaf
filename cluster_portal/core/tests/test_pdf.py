"""The PDF renderer fetches the portal's own static files and nothing else."""

import shutil
import subprocess

import pytest

from cluster_portal.core.pdf import PDF_BASE_URL, FetchRefused, StaticOnlyFetcher, html_to_pdf

STATIC = PDF_BASE_URL + "static/"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///work/main/cluster_portal/settings.py",
        "http://127.0.0.1:8000/healthz",
        "https://example.org/style.css",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.org/x.css",
        "data:text/css,body{}",
        STATIC + "../settings.py",
        STATIC + "css/../../manage.py",
        STATIC + "css/print.css?redirect=http://example.org",
        PDF_BASE_URL + "admin/",
        STATIC + "css/missing.css",
        STATIC + "js/portal.js",  # not a type the renderer needs
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_the_print_stylesheet_and_font():
    fetcher = StaticOnlyFetcher()
    css = fetcher.fetch(STATIC + "css/print.css")
    assert b"@page" in css.read()
    font = fetcher.fetch(STATIC + "vendor/dejavu/DejaVuSans.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    assert fetcher.refused == []


def test_rendering_skips_foreign_resources_and_still_produces_a_pdf(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = f"""<html><head><link rel="stylesheet" href="/static/css/print.css">
    <link rel="stylesheet" href="http://127.0.0.1:9/evil.css"></head>
    <body><h1>Проверка</h1><img src="file://{secret}"><img src="https://example.org/x.png">
    <p style="background: url('file:///etc/passwd')">Текст</p></body></html>"""
    fetcher = StaticOnlyFetcher()
    pdf = html_to_pdf(html, fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    assert f"file://{secret}" in fetcher.refused
    assert "http://127.0.0.1:9/evil.css" in fetcher.refused
    assert "https://example.org/x.png" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused
    assert not any(url.endswith("css/print.css") for url in fetcher.refused)


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="нет pdfinfo (apt-get install poppler-utils)")
def test_pdf_variant_makes_a_tagged_pdf_a_3b(tmp_path):
    html = """<html lang="ru"><head><title>Архивный документ</title>
    <link rel="stylesheet" href="/static/css/print.css"></head><body><h1>Протокол</h1></body></html>"""

    def info(pdf: bytes, *args) -> str:
        path = tmp_path / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdfinfo", *args, str(path)], capture_output=True, text=True, check=True).stdout

    archived = html_to_pdf(html, pdf_variant="pdf/a-3b")
    assert 'pdfaid:part="3"' in info(archived, "-meta") and 'pdfaid:conformance="B"' in info(archived, "-meta")
    assert "Tagged:          yes" in info(archived)
    assert "pdfaid" not in info(html_to_pdf(html), "-meta")
