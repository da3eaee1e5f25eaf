"""Two web nodes and a worker (scripts/cluster_demo.sh): log in on one node, start a large import there,
read its progress and result on the other. Needs the local PostgreSQL and Redis; skipped, with the reason,
where either is missing.
"""

import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PORTS = os.environ.get("CLUSTER_TEST_PORTS", "8107 8108")
DB = os.environ.get("CLUSTER_TEST_DB", "cluster_demo_test")
ROWS = 2_100  # over the 2,000 rows that go to a worker


def _missing() -> str:
    if not shutil.which("psql") or subprocess.run(["pg_isready", "-h", "127.0.0.1"], capture_output=True).returncode:
        return "нет локального PostgreSQL (127.0.0.1:5432)"
    if not shutil.which("redis-cli") or subprocess.run(["redis-cli", "ping"], capture_output=True).returncode:
        return "нет локального Redis (127.0.0.1:6379)"
    return ""


pytestmark = pytest.mark.skipif(bool(_missing()), reason=_missing() or "—")


def script(action: str, **env) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "DEBUG"))}
    environment.update(CLUSTER_DB=DB, CLUSTER_PORTS=PORTS, CLUSTER_SEED="0", **env)
    subprocess.run(
        [str(ROOT / "scripts" / "cluster_demo.sh"), action], cwd=ROOT, env=environment, check=True, timeout=900
    )


@pytest.fixture(scope="module")
def nodes():
    if os.environ.get("CLUSTER_TEST_RUNNING") != "1":
        script("start")
    try:
        yield [f"http://127.0.0.1:{port}" for port in PORTS.split()]
    finally:
        if os.environ.get("CLUSTER_TEST_RUNNING") != "1":
            script("stop", CLUSTER_DROP="1")


def organizations_book() -> bytes:
    from openpyxl import Workbook

    from cluster_portal.core.imports import get_kind

    kind = get_kind("organizations")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([c.header for c in kind.columns])
    for n in range(ROWS):
        sheet.append(
            [
                "Работодатель (предприятие)",
                f"ООО «Узел {n}» полное",
                f"ООО «Узел {n}»",
                "",
                "Томск",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csrf_of(session, url) -> str:
    page = session.get(url, timeout=30)
    page.raise_for_status()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_login_on_one_node_import_there_result_on_the_other(nodes):
    import requests

    first, second = nodes
    browser = requests.Session()
    token = csrf_of(browser, f"{first}/accounts/login/")
    login = browser.post(
        f"{first}/accounts/login/",
        data={"username": "coordinator", "password": "cluster-demo", "csrfmiddlewaretoken": token},
        timeout=30,
    )
    assert login.ok and "/accounts/login/" not in login.url, login.text[:500]

    token = csrf_of(browser, f"{first}/import/organizations/")
    started = time.monotonic()
    upload = browser.post(
        f"{first}/import/organizations/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("Организации.xlsx", organizations_book())},
        allow_redirects=False,
        timeout=30,
    )
    took = time.monotonic() - started
    assert upload.status_code == 302, upload.text[:500]
    job_path = upload.headers["Location"]
    assert re.fullmatch(r"/jobs/[0-9a-f-]{36}/", job_path) and took < 5

    # The other node knows the session (database sessions) and reads the job and its progress.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        status = browser.get(f"{second}{job_path}status/", timeout=30)
        assert status.status_code == 200
        if "every 1s" not in status.text:
            break
        time.sleep(1)
    assert f"добавлено {ROWS}" in status.text, status.text[:2000]
    page = browser.get(f"{second}{job_path}", timeout=30)
    assert "Готово" in page.text and f"Обработано строк: {ROWS} из {ROWS}" in page.text
