"""The secretary records a council meeting from agenda to minutes and protocol PDF, then the annual report."""

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from .conftest import choose, login

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
QUESTION = "О формировании пула экспертов из числа специалистов предприятий"
DECISION = "Сформировать пул экспертов из специалистов предприятий-партнёров"


def pdf_text(path) -> str:
    """The PDF's text when poppler's pdftotext is installed, else an empty string."""
    if not shutil.which("pdftotext"):
        return ""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_secretary_records_a_meeting_and_downloads_the_protocol_and_report(new_page, demo_data, jobs_run_at_once):
    page = new_page(**DESKTOP)
    login(page, "secretary")

    # The planned December meeting of the coordination council, from the seed's 2022/2023 plan.
    page.get_by_role("button", name="Советы").click()
    page.get_by_role("link", name="Заседания", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Координационный Совет").filter(has_text="Запланировано")
    row.get_by_role("link", name="декабрь").click()
    page.get_by_role("heading", name="Координационный Совет, декабрь").wait_for()

    # Agenda: one question with its speaker.
    page.get_by_role("region", name="Повестка дня").get_by_role("link", name="Вопрос").click()
    page.get_by_label("Вопрос повестки*").fill(QUESTION)
    page.get_by_label("Докладчики (текстом)").fill("Пояркова О.Н., заместитель директора ОГБПОУ «ТЭПК»")
    page.get_by_role("button", name="Сохранить").click()
    agenda = page.get_by_role("region", name="Повестка дня")
    agenda.get_by_text(QUESTION).wait_for()
    expect(agenda.get_by_text("Докладчик: Пояркова О.Н.")).to_be_visible()

    # Attendance: seven of the eleven members, so the quorum is there.
    page.get_by_role("link", name="Отметить присутствие").click()
    expect(page.get_by_text("кворум — не менее 6")).to_be_visible()
    present = page.get_by_role("group", name="Присутствовали").get_by_role("checkbox")
    for index in range(7):
        present.nth(index).check()
    page.get_by_label("Приглашённые (не члены совета)").fill("Экспертов И.П., ООО «Томский инструментальный завод»")
    page.get_by_role("button", name="Сохранить").click()
    attendance = page.get_by_role("region", name="Присутствие и кворум")
    attendance.get_by_text("Присутствовали 7 из 11 членов совета").wait_for()
    expect(attendance.get_by_text("кворум есть")).to_be_visible()

    # Minutes: number, date, chair and secretary; what was heard on the question and what was decided.
    page.get_by_role("link", name="Оформить протокол").click()
    page.get_by_label("Номер протокола*").fill("4")
    page.get_by_label("Дата протокола*").fill("2022-12-15")
    page.get_by_label("Председательствующий").select_option(label="Промыслов Виктор Геннадьевич")
    question = page.get_by_role("group", name=re.compile(QUESTION))
    question.get_by_label("Слушали").fill("Пояркову О.Н. о кандидатурах экспертов от предприятий-партнёров.")
    question.get_by_label("Решили").fill(DECISION)
    question.get_by_label("Ответственные (текстом)").fill("ПОО - участники Кластера")
    question.get_by_label("Срок (как в протоколе)").fill("до 01.03.2023")
    # «Добавить решение» brings a second row (htmx); left blank, it is no decision.
    question.get_by_role("button", name="Добавить решение").click()
    expect(question.get_by_label("Решили")).to_have_count(2)
    # The secretary last: a search control answering late could take the focus from a field being typed into.
    choose(page, "Секретарь", "Секретарёва Анна Викторовна", search="Секретарёва")
    page.get_by_role("button", name="Сохранить протокол").click()
    minutes = page.get_by_role("region", name="Протокол")
    minutes.get_by_text("Протокол № 4 от 15.12.2022").wait_for()
    decided = page.get_by_role("region", name="Повестка дня").get_by_role("listitem").filter(has_text=DECISION)
    expect(decided.get_by_text("ответственный: ПОО - участники Кластера; срок: до 01.03.2023")).to_be_visible()
    # The minutes do not hold the meeting: the secretary says so explicitly.
    expect(page.get_by_text("Запланировано").first).to_be_visible()
    page.get_by_role("button", name="Отметить проведённым").click()
    page.get_by_text("Заседание отмечено проведённым.").wait_for()
    expect(page.get_by_text("Проведено").first).to_be_visible()

    # Signed: the PDF is kept once, with its SHA-256 on the page; the protocol is no longer edited in place.
    minutes.get_by_role("link", name="Изменить протокол").click()
    page.get_by_label("Статус протокола*").select_option(label="Подписан")
    page.get_by_role("button", name="Сохранить протокол").click()
    page.get_by_text("Протокол подписан, его PDF сохранён.").wait_for()
    expect(minutes.get_by_text(re.compile(r"SHA-256: [0-9a-f]{64}"))).to_be_visible()
    expect(minutes.get_by_role("link", name="Изменить протокол")).to_have_count(0)

    # The protocol PDF, kept at signing.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Протокол (PDF)").click()
    protocol = download_info.value
    with open(protocol.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    text = pdf_text(protocol.path())
    if text:
        assert "ПРОТОКОЛ" in text and QUESTION[:40] in " ".join(text.split())
        assert "РЕШИЛИ" in text and "ПРОЕКТ" not in text
        flat = " ".join(text.split())
        assert "СЛУШАЛИ: Пояркову О.Н. о кандидатурах" in flat and "— Пояркову" not in flat

    # «Внести изменения»: a reason, then a new revision signed next to the kept one.
    minutes.get_by_role("link", name="Внести изменения").click()
    page.get_by_label("Причина изменений*").fill("Уточнён срок решения")
    page.get_by_role("button", name="Внести изменения").click()
    page.get_by_text("Протокол открыт для изменений как новая редакция").wait_for()
    expect(minutes.get_by_text("Уточнён срок решения")).to_be_visible()
    minutes.get_by_role("link", name="Изменить протокол").click()
    page.get_by_role("group", name=re.compile(QUESTION)).get_by_label("Срок (как в протоколе)").first.fill(
        "до 01.04.2023"
    )
    page.get_by_label("Статус протокола*").select_option(label="Подписан")
    page.get_by_role("button", name="Сохранить протокол").click()
    page.get_by_text("Протокол подписан, его PDF сохранён.").wait_for()
    revisions = minutes.get_by_role("list").filter(has_text="Редакция 1")
    expect(revisions.get_by_role("listitem")).to_have_count(2)
    expect(revisions.get_by_role("link", name="PDF")).to_have_count(2)

    # The annual report PDF from the reports page: a background job, its page ends with the download.
    page.get_by_role("button", name="Отчёты").click()
    page.get_by_role("link", name="Годовые отчёты", exact=True).click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="2021/2022", exact=True))
    row.get_by_role("button", name="PDF").click(timeout=120_000)  # the job runs inside this request here
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("link", name="Скачать", exact=True).click(timeout=120_000)
    report = download_info.value
    assert report.suggested_filename == "otchet-klastera-2021-2022.pdf"
    with open(report.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_secretary_drafts_the_minutes_of_a_future_meeting_and_still_sends_its_invitations(
    new_page, demo_data, jobs_run_at_once
):
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    from councils.models import Council, Meeting

    council = Council.objects.get(name="Координационный Совет")
    future = timezone.localdate() + dt.timedelta(days=14)
    meeting = Meeting.objects.create(
        council=council,
        date=future,
        academic_year=future.year if future.month >= 9 else future.year - 1,
        topics="О плане работы на следующий год",
    )
    page = new_page(**DESKTOP)
    login(page, "secretary")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("region", name="Протокол").get_by_role("link", name="Оформить протокол").click()
    page.get_by_label("Номер протокола*").fill("9")
    page.get_by_label("Дата протокола*").fill(future.isoformat())
    page.get_by_role("button", name="Сохранить протокол").click()
    page.get_by_role("region", name="Протокол").get_by_text(f"Протокол № 9 от {future:%d.%m.%Y}").wait_for()
    # Still planned: no «held» button before its day, and the invitations are still there to send.
    expect(page.get_by_text("Запланировано").first).to_be_visible()
    assert page.get_by_role("button", name="Отметить проведённым").count() == 0
    page.get_by_role("link", name="Разослать приглашения").click()
    page.get_by_label("Дополнительные адреса").fill("guest@example.org")
    page.get_by_role("button", name="Отправить").click()
    page.get_by_text(re.compile(r"Приглашения отправлены: \d+")).wait_for()
    meeting.refresh_from_db()
    assert meeting.status == "planned" and meeting.minutes.status == "draft"
    assert meeting.invitations.filter(email="guest@example.org").exists()
    assert any("guest@example.org" in message.to for message in mail.outbox)
