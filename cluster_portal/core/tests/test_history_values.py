"""The history panel in words: да/нет, names instead of ids, choices by their labels, many-to-many changes."""

import pytest

from cluster_portal.core.audit import history_for, person_value
from cluster_portal.core.roles import Role
from members.tests.factories import OrganizationFactory
from programs.tests.factories import ProgramFactory


def test_a_recorded_value_reads_as_a_person_says_it():
    assert [person_value(v) for v in ("True", "False", "None", "", None, "Техник")] == [
        "да",
        "нет",
        "—",
        "—",
        "—",
        "Техник",
    ]


@pytest.mark.django_db
def test_history_shows_yes_no_names_labels_and_added_partners(users):
    program = ProgramFactory(network_form=False, study_form="full")
    other_college = OrganizationFactory(kind="college", short_name="ОГБПОУ «Другой»")
    program.network_form = True
    program.college = other_college
    program.study_form = "extra"
    program.save()
    program.partners.add(OrganizationFactory(kind="employer", short_name="ООО «Партнёр»"))
    entries = history_for(program, users[Role.COORDINATOR])
    changes = {label: values for entry in reversed(entries) for label, values in entry.shown_changes.items()}
    assert changes["сетевая форма реализации"] == ("нет", "да")
    assert changes["ПОО"][1] == str(other_college)  # the name, not the id
    study = changes["форма обучения"]
    assert study[1] == program.get_study_form_display()
    assert changes["предприятия-партнёры"] == (None, "добавлены: " + str(program.partners.get()))
    rendered = " ".join(str(v) for values in changes.values() for v in values)
    assert "True" not in rendered and "type" not in rendered and "operation" not in rendered


@pytest.mark.django_db
def test_the_history_leaves_out_the_times_a_row_stamps_on_saving_and_its_key(users):
    """«создано»/«изменено» change on every save; the entry's own time says when, its object_pk which row. A save
    changing nothing else writes no entry."""
    from auditlog.models import LogEntry

    program = ProgramFactory(qualification="техник")
    created = LogEntry.objects.get_for_object(program).get()
    assert not {"created_at", "updated_at", "id"} & set(created.changes_dict)
    assert "qualification" in created.changes_dict
    program.save()
    assert LogEntry.objects.get_for_object(program).count() == 1
    program.qualification = "старший техник"
    program.save()
    latest = LogEntry.objects.get_for_object(program).order_by("-pk").first()
    assert set(latest.changes_dict) == {"qualification"}
