"""The expertise app's evidence for the work plan: the expert sessions of the plan's year."""

from __future__ import annotations

from django.db.models import Count

from councils.evidence import yearly

from .models import ExpertSession

# A session fulfils once it has ended; its programs and colleges are counted in the title.
PROVIDER = yearly(
    "expertise.sessions",
    "Экспертные сессии года",
    ExpertSession,
    kind="Экспертная сессия",
    title=lambda s: f"{s.title}: программ — {s.programs}, ПОО — {s.colleges}",
    when=lambda s: s.period,
    start="date_from",
    end="date_to",
    cluster="cluster_id",
    rows=lambda sessions: sessions.annotate(
        programs=Count("participants__programs", distinct=True),
        colleges=Count("participants__programs__participant__college", distinct=True),
    ),
)
