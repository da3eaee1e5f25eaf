"""Valid HTML: the Nu HTML Checker (vnu-jar from npm, run with Java) over every page of the crawl."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import SHARED_CRAWL

VNU_JAR = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing() -> str:
    if not shutil.which("java"):
        return "нет Java (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return "нет vnu.jar (cd tests/pages && npm ci --ignore-scripts)"
    return ""


@pytest.mark.vnu
@SHARED_CRAWL
@pytest.mark.skipif(bool(missing()), reason=missing() or "-")
def test_every_page_of_every_role_is_valid_html(demo_crawl, tmp_path):
    names = {}
    for who, result in demo_crawl.items():
        for page in result.read:
            path = tmp_path / f"page{len(names):04d}.html"
            path.write_text(page.html, encoding="utf-8")
            names[path.name] = f"{who}: {page.url}"
    assert len(names) > 100  # every role's pages, not a handful
    run = subprocess.run(  # nosec B603 B607 - a fixed command over files this test wrote
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode in (0, 1) and '"messages"' in run.stderr, run.stderr[-2000:]  # the checker did run
    messages = json.loads(run.stderr)["messages"]
    problems = sorted(
        {
            f"{names.get(Path(m.get('url', '')).name)}: {m.get('message')} «{m.get('extract', '').strip()}»"
            for m in messages
            if m.get("type") == "error"
        }
    )
    assert not problems, f"{len(problems)} ошибок HTML:\n" + "\n".join(problems[:80])
