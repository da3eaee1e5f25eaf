"""Pages showing students' results log who looked, in the practice app's journal."""

from __future__ import annotations


def log_personal(request, label: str, *, shown: bool) -> None:
    """Record that the user saw student-level rows on this page (only when some were shown)."""
    from practice.services import student_data_access_record

    if shown:
        student_data_access_record(
            user=request.user,
            page=label,
            path=request.get_full_path(),
            exported=request.GET.get("export") == "xlsx",
        )


class PersonalListMixin:
    """A list of students' rows: each view and export is logged, as practice data is."""

    log_label = ""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            log_personal(request, self.log_label, shown=True)
        return response
