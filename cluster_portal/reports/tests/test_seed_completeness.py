"""The 2021/2022 report made from the demo data carries every line of the seed report.

Every table cell and list item of docs/seed-report-2021-2022.txt (a copy of the source report) must
appear in the rendered report, compared after normalizing whitespace, quotes and typography.
"""

import html
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from cluster_portal.core.reporting import AcademicYear
from cluster_portal.reports.services import annual_report_html
from members.selectors import default_cluster

SEED = Path(__file__).resolve().parents[3] / "docs" / "seed-report-2021-2022.txt"
MARKERS = re.compile(r"^(?:(?:#+|-|❑|✓|\d+\.(?:\d+\.?)?(?=\s))\s*)+")
# «УГПС 11.00.00 Электроника, …» in the seed's second sector table: the code and the sector are checked apart.
GROUP_FIRST = re.compile(r"^УГПС (\d{2}\.00\.00) (.+)$")


def normalize(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # markdown links of the seed's contacts
    text = text.replace("ё", "е").replace("Ё", "Е")  # the portal writes «Отчёт», the seed «Отчет»
    text = text.replace("**", " ").replace("\u00a0", " ").replace("«", "").replace("»", "").replace('"', "")
    text = re.sub(r"(\d{2}\.\d{2}\.\d{4})г\b", r"\1", text)  # «21.08.2021г» is «21.08.2021»
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"\s*[–—]\s*", " - ", text)
    return re.sub(r"\s+", " ", text).strip()


def seed_facts() -> list[str]:
    facts = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.strip().startswith("---"):
            continue
        for cell in line.split("\t"):
            fact = MARKERS.sub("", normalize(cell)).rstrip(";").strip()
            match = GROUP_FIRST.match(fact)
            if match:
                facts += [f"УГПС {match[1]}", match[2]]
            elif len(fact) > 1:
                facts.append(fact)
    return facts


@pytest.mark.django_db
def test_every_line_of_the_seed_report_is_in_the_2021_2022_report():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    report = normalize(annual_report_html(cluster=default_cluster(), year=AcademicYear(2021)))
    facts = seed_facts()
    assert len(facts) > 300
    missing = [fact for fact in facts if fact not in report]
    assert missing == []
