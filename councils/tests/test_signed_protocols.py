"""Signed protocols are frozen: the PDF kept at signing, edits refused, «внести изменения» with a reason."""

import datetime as dt
import hashlib
import shutil
import subprocess

import pytest
from auditlog.models import LogEntry

from cluster_portal.core.roles import Role
from councils import services
from councils.choices import DecisionStatus, MeetingStatus, MemberRole, MinutesStatus
from councils.models import AgendaItem, Decision, Minutes, ProtocolRevision
from councils.tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    CouncilMemberFactory,
    DecisionFactory,
    MeetingFactory,
    PlanItemFactory,
    PlanSectionFactory,
    WorkPlanFactory,
)
from members.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

REFUSED = "Протокол подписан, и его содержание изменить нельзя"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def meeting():
    council = CouncilFactory(name="Экспертный Совет", name_genitive="Экспертного Совета")
    for i, role in enumerate([MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER, MemberRole.MEMBER]):
        CouncilMemberFactory(council=council, role=role, order=i, person=PersonFactory(email=f"m{i}@example.org"))
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23), status=MeetingStatus.HELD)
    AgendaItemFactory(meeting=meeting, order=1, title="О плане работы", heard="Пояркову О.Н. о плане")
    AgendaItemFactory(meeting=meeting, order=2, title="Разное", heard="")
    return meeting


def minutes_data(meeting, status="draft", **extra):
    data = {"minutes-number": "3", "minutes-date": meeting.date.isoformat(), "minutes-status": status}
    for item in meeting.agenda_items.all():
        data[f"item-{item.pk}-heard"] = item.heard
    data.update(extra)
    return data


def decisions_data(item, rows, initial=0):
    """The decision formset of one agenda item: ``rows`` are dicts of field → value."""
    prefix = f"item-{item.pk}-d"
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def sign(client, meeting, **extra):
    return client.post(f"/councils/meetings/{meeting.pk}/minutes/", minutes_data(meeting, "signed", **extra))


def pdf(client, meeting) -> bytes:
    response = client.get(f"/councils/meetings/{meeting.pk}/protocol.pdf")
    assert response.status_code == 200
    return response.content


def test_signing_keeps_the_pdf_once_with_its_sha256_and_who_signed(client_as, users, meeting):
    client = client_as(Role.SECRETARY)
    response = sign(client, meeting)
    assert response.status_code == 302
    revision = ProtocolRevision.objects.get(minutes__meeting=meeting)
    kept = revision.pdf.read()
    assert revision.number == 1 and revision.signed_by == users[Role.SECRETARY]
    assert revision.sha256 == hashlib.sha256(kept).hexdigest()
    assert pdf(client, meeting) == kept

    # Later changes of the data the protocol was built from do not reach the kept PDF.
    AgendaItem.objects.filter(meeting=meeting).update(title="Переписано задним числом")
    meeting.council.__class__.objects.filter(pk=meeting.council_id).update(name_genitive="Другого Совета")
    assert pdf(client, meeting) == kept
    assert pdf(client_as(Role.OBSERVER), meeting) == kept  # a signed protocol is read by every role

    client = client_as(Role.SECRETARY)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert revision.sha256 in page
    assert users[Role.SECRETARY].get_full_name() in page
    assert "Внести изменения" in page
    assert f'/councils/meetings/{meeting.pk}/minutes/"' not in page  # no «Изменить протокол» any more


def test_a_kept_pdf_is_never_rewritten_and_its_file_is_checked_against_the_sha256(client_as, meeting):
    sign(client_as(Role.SECRETARY), meeting)
    revision = ProtocolRevision.objects.get(minutes__meeting=meeting)
    assert revision.intact()
    with pytest.raises(ValueError, match="never rewritten"):
        revision.keep(b"%PDF-1.7 other", name="x.pdf", user=None)
    with open(revision.pdf.path, "ab") as stored:  # a file changed behind the portal's back
        stored.write(b"%")
    assert not ProtocolRevision.objects.get(pk=revision.pk).intact()


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="нет pdfinfo (apt-get install poppler-utils)")
def test_the_kept_pdf_is_a_tagged_pdf_a_3b(client_as, meeting, tmp_path):
    client = client_as(Role.SECRETARY)
    sign(client, meeting)
    path = tmp_path / "protocol.pdf"
    path.write_bytes(pdf(client, meeting))
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta
    assert "Tagged:          yes" in info


def test_every_edit_of_a_signed_protocol_is_refused_with_a_message(client_as, meeting):
    client = client_as(Role.SECRETARY)
    item = meeting.agenda_items.get(order=1)
    decision = DecisionFactory(agenda_item=item, text="Утвердить план")
    sign(client, meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    base = f"/councils/meetings/{meeting.pk}"

    response = client.get(f"{base}/minutes/", follow=True)
    assert REFUSED in response.content.decode()
    response = client.post(f"{base}/minutes/", minutes_data(meeting, **{f"item-{item.pk}-heard": "Иначе"}))
    assert response.status_code == 200 and REFUSED in response.content.decode()
    response = client.post(f"/councils/agenda/{item.pk}/edit/", {"meeting": meeting.pk, "title": "Другой вопрос"})
    assert REFUSED in response.content.decode()
    response = client.post("/councils/agenda/add/", {"meeting": meeting.pk, "title": "Лишний вопрос"})
    assert REFUSED in response.content.decode()
    response = client.post(f"/councils/agenda/{item.pk}/delete/", follow=True)
    assert REFUSED in response.content.decode()
    response = client.post(f"/councils/agenda/{item.pk}/move/down/", follow=True)
    assert REFUSED in response.content.decode()
    response = client.post(f"{base}/attendance/", {"present": []})
    assert REFUSED in response.content.decode()
    response = client.post(
        "/councils/decisions/add/", {"agenda_item": item.pk, "text": "Ещё решение", "status": "open"}
    )
    assert REFUSED in response.content.decode()
    response = client.post(
        f"/councils/decisions/{decision.pk}/edit/", {"text": "Утвердить другой план", "status": "open"}
    )
    assert REFUSED in response.content.decode()
    response = client.post(f"/councils/decisions/{decision.pk}/delete/", follow=True)
    assert REFUSED in response.content.decode()
    response = client.post(f"{base}/minutes/delete/", follow=True)
    assert REFUSED in response.content.decode()

    item.refresh_from_db()
    decision.refresh_from_db()
    assert (item.title, item.heard, decision.text) == ("О плане работы", "Пояркову О.Н. о плане", "Утвердить план")
    assert meeting.agenda_items.count() == 2 and Minutes.objects.filter(pk=minutes.pk, status="signed").exists()
    assert Decision.objects.filter(agenda_item=item).count() == 1

    # Its execution is still tracked: status, date and result are not part of the signed text.
    response = client.post(
        f"/councils/decisions/{decision.pk}/edit/",
        {"text": "Утвердить план", "status": DecisionStatus.DONE, "done_date": "2022-04-01", "result": "Утверждён"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE


def test_amending_needs_a_reason_and_records_who_when_why(client_as, users, meeting):
    client = client_as(Role.SECRETARY)
    sign(client, meeting)
    first = ProtocolRevision.objects.get(minutes__meeting=meeting)
    first_pdf = first.pdf.read()
    url = f"/councils/meetings/{meeting.pk}/minutes/amend/"

    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Укажите причину изменений" in response.content.decode()
    assert Minutes.objects.get(meeting=meeting).status == MinutesStatus.SIGNED

    assert client_as(Role.OBSERVER).post(url, {"reason": "Хочу"}).status_code in (403, 404)
    assert Minutes.objects.get(meeting=meeting).status == MinutesStatus.SIGNED

    client = client_as(Role.SECRETARY)
    response = client.post(url, {"reason": "Опечатка в фамилии докладчика"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.reopened_by == users[Role.SECRETARY] and first.reopen_reason == "Опечатка в фамилии докладчика"
    assert Minutes.objects.get(meeting=meeting).status == MinutesStatus.DRAFT
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Опечатка в фамилии докладчика" in page and "Внесение изменений" in page
    history = [entry.changes_dict for entry in LogEntry.objects.get_for_object(first)]
    assert any("Опечатка в фамилии докладчика" in str(changes.get("reopen_reason")) for changes in history)

    # The new revision is edited and signed: a new PDF is kept, and the first stays downloadable.
    item = meeting.agenda_items.get(order=1)
    response = sign(client, meeting, **{f"item-{item.pk}-heard": "Пояркову О.Н. о плане (исправлено)"})
    assert response.status_code == 302
    second = ProtocolRevision.objects.get(minutes__meeting=meeting, number=2)
    assert second.sha256 != first.sha256
    assert pdf(client, meeting) == second.pdf.read()
    download = client.get(f"/files/councils/protocolrevision/{first.pk}/pdf/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == first_pdf
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert first.sha256 in page and second.sha256 in page


def test_amending_a_draft_is_refused(client_as, meeting):
    client = client_as(Role.SECRETARY)
    client.post(f"/councils/meetings/{meeting.pk}/minutes/", minutes_data(meeting))
    response = client.post(f"/councils/meetings/{meeting.pk}/minutes/amend/", {"reason": "Зачем-то"})
    assert "Протокол ещё не подписан" in response.content.decode()


def test_signing_is_refused_for_a_meeting_not_held_and_keeps_nothing(client_as, meeting):
    meeting.status = MeetingStatus.PLANNED
    meeting.save()
    response = sign(client_as(Role.SECRETARY), meeting)
    assert response.status_code == 200
    assert "сначала отметьте заседание проведённым" in response.content.decode()
    assert not ProtocolRevision.objects.exists() and not Minutes.objects.exists()


# Decisions inside the minutes form ---------------------------------------------------------------
def test_decisions_are_entered_per_agenda_item_in_the_minutes_form(client_as, meeting):
    first, second = meeting.agenda_items.order_by("order")
    plan = WorkPlanFactory(cluster=meeting.council.cluster, year=2022)
    plan_item = PlanItemFactory(section=PlanSectionFactory(plan=plan, number=1), plan=plan, number="1.1")
    person = meeting.council.members.first().person
    data = minutes_data(meeting)
    data.update(
        decisions_data(
            first,
            [
                {
                    "text": "Утвердить план работы на 2022 год",
                    "responsible_person": person.pk,
                    "deadline_text": "до 01.04.2022",
                    "plan_item": plan_item.pk,
                },
                {"text": ""},  # the blank row is no decision
            ],
        )
    )
    data.update(decisions_data(second, [{"text": ""}]))
    response = client_as(Role.SECRETARY).post(f"/councils/meetings/{meeting.pk}/minutes/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get()
    assert (decision.agenda_item, decision.number, decision.responsible_person) == (first, 1, person)
    assert (decision.due_date, decision.plan_item) == (dt.date(2022, 4, 1), plan_item)
    assert not second.decisions.exists()


def test_a_decision_row_without_text_is_refused_at_the_field(client_as, meeting):
    first = meeting.agenda_items.get(order=1)
    data = minutes_data(meeting)
    data.update(decisions_data(first, [{"text": "", "deadline_text": "IV квартал 2022"}]))
    response = client_as(Role.SECRETARY).post(f"/councils/meetings/{meeting.pk}/minutes/", data)
    assert response.status_code == 200
    formset = next(d for item, _f, d in response.context["item_forms"] if item == first)
    assert "Запишите текст решения" in " ".join(formset.forms[0].errors["text"])
    assert not Minutes.objects.exists() and not Decision.objects.exists()


def test_decisions_are_changed_and_removed_in_the_minutes_form(client_as, meeting):
    first = meeting.agenda_items.get(order=1)
    client = client_as(Role.SECRETARY)
    client.post(f"/councils/meetings/{meeting.pk}/minutes/", minutes_data(meeting))
    keep = services.decision_save(decision=Decision(agenda_item=first, text="Оставить"))
    drop = services.decision_save(decision=Decision(agenda_item=first, text="Убрать"))
    data = minutes_data(meeting)
    data.update(
        decisions_data(
            first,
            [
                {"id": keep.pk, "text": "Оставить, уточнив срок", "deadline_text": "до 01.05.2022"},
                {"id": drop.pk, "text": "Убрать", "DELETE": "on"},
            ],
            initial=2,
        )
    )
    response = client.post(f"/councils/meetings/{meeting.pk}/minutes/", data)
    assert response.status_code == 302
    assert list(Decision.objects.values_list("text", "deadline_text")) == [("Оставить, уточнив срок", "до 01.05.2022")]


def test_add_decision_row_comes_with_the_next_index(client_as, meeting):
    first = meeting.agenda_items.get(order=1)
    response = client_as(Role.SECRETARY).get(
        f"/councils/meetings/{meeting.pk}/minutes/decision-row/", {"item": first.pk, "index": 1}
    )
    html = response.content.decode()
    assert f'name="item-{first.pk}-d-1-text"' in html
    assert f'name="item-{first.pk}-d-TOTAL_FORMS" value="2"' in html
    assert "index=2" in html and 'data-hx-swap-oob="true"' in html
    assert client_as(Role.OBSERVER).get(
        f"/councils/meetings/{meeting.pk}/minutes/decision-row/", {"item": first.pk, "index": 1}
    ).status_code in (403, 404)


def test_saving_a_decision_returns_to_its_meeting(client_as, meeting):
    client = client_as(Role.SECRETARY)
    client.post(f"/councils/meetings/{meeting.pk}/minutes/", minutes_data(meeting))
    first = meeting.agenda_items.get(order=1)
    response = client.post("/councils/decisions/add/", {"agenda_item": first.pk, "text": "Решили", "status": "open"})
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url() + f"#item-{first.pk}"
    decision = Decision.objects.get()
    response = client.post(f"/councils/decisions/{decision.pk}/edit/", {"text": "Решили иначе", "status": "open"})
    assert response["Location"] == meeting.get_absolute_url() + f"#item-{first.pk}"
