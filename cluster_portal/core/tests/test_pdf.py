"""The PDF renderer fetches the portal's own static files and nothing else."""

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
