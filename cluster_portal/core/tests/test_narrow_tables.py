"""Every column a table hides on narrow screens is one of its columns (a misspelt name would hide nothing)."""

from django.urls import get_resolver

from cluster_portal.core.tables import NarrowScreens


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_wide_only_names_columns_of_the_table():
    get_resolver().url_patterns  # noqa: B018 - loads every app's views and so their tables
    tables = list(subclasses(NarrowScreens))
    assert len(tables) > 10
    for table in tables:
        missing = set(table.wide_only) - set(table.base_columns)
        assert not missing, f"{table.__name__}: {missing}"
        assert set(table.base_columns) - set(table.wide_only), f"{table.__name__} hides every column"


def render(table_class, rf):
    from django_tables2 import RequestConfig

    rows = [{"name": "Первый", "town": "Томск", "phone": "1"}, {"name": "Второй", "town": "Северск", "phone": "2"}]
    table = table_class(rows)
    request = rf.get("/")
    RequestConfig(request, paginate=False).configure(table)
    return table.as_html(request)


def test_a_table_hides_its_wide_only_columns_by_its_own_class_and_prints_plain_cells(rf):
    import django_tables2 as tables

    class People(NarrowScreens, tables.Table):
        name = tables.Column()
        town = tables.Column()
        phone = tables.Column()
        wide_only = ("town",)

    html = render(People, rf)
    table_tag = html[html.index("<table") : html.index(">", html.index("<table"))]
    assert "narrow-hides-2" in table_tag and "narrow-hides-1" not in table_tag
    assert '<th class="orderable wide-only"' in html  # the header cell still says so itself
    assert '<tr class="even"><td>Первый</td><td>Томск</td><td>1</td></tr>' in html
    # Rendering again does not repeat the class.
    table = People([])
    table.before_render(rf.get("/"))
    table.before_render(rf.get("/"))
    assert table.attrs["class"].split().count("narrow-hides-2") == 1


def test_a_column_with_cell_attributes_gets_them_in_every_row(rf):
    import django_tables2 as tables

    class People(tables.Table):
        name = tables.Column(attrs={"td": {"class": "fw-bold"}})
        town = tables.Column()

    html = render(People, rf)
    assert '<td class="fw-bold">Первый</td>' in html and '<td class="fw-bold">Второй</td>' in html
