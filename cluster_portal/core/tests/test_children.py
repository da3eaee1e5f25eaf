from types import SimpleNamespace

from cluster_portal.core.views.children import follow


def test_follow_walks_a_dotted_path_to_the_parent():
    meeting = SimpleNamespace(pk=7)
    row = SimpleNamespace(agenda_item=SimpleNamespace(meeting=meeting))
    assert follow(row, "agenda_item.meeting") is meeting
    assert follow(row, "agenda_item") is row.agenda_item


def test_follow_stops_at_an_empty_link():
    assert follow(SimpleNamespace(agenda_item=None), "agenda_item.meeting") is None
