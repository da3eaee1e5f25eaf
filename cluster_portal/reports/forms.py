"""The secretary's form: narrative texts, and which sections appear in what order."""

from django import forms

from cluster_portal.core.forms import PortalForm

from .models import AnnualReport

TEXT_FIELDS = [
    "admission_text",
    "results_text",
    "mentoring_title",
    "mentoring_features_intro",
    "mentoring_features",
    "mentoring_difficulties",
    "mentoring_proposals",
    "next_directions",
]


class AnnualReportTextsForm(PortalForm):
    class Meta:
        model = AnnualReport
        fields = TEXT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in TEXT_FIELDS
            if "title" not in name and "intro" not in name
        }


class SectionLayoutForm(forms.Form):
    """One row per section: shown or not, and its position."""

    def __init__(self, *args, sections, hidden, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for position, section in enumerate(sections, start=1):
            self.fields[f"show_{section.key}"] = forms.BooleanField(
                label=section.title, required=False, initial=section.key not in hidden
            )
            self.fields[f"pos_{section.key}"] = forms.IntegerField(
                label="Порядок", min_value=1, max_value=99, initial=position
            )

    def rows(self):
        return [(s, self[f"show_{s.key}"], self[f"pos_{s.key}"]) for s in self.sections]

    def layout(self) -> tuple[list[str], list[str]]:
        keys = [s.key for s in self.sections]
        order = sorted(keys, key=lambda k: (self.cleaned_data[f"pos_{k}"], keys.index(k)))
        hidden = [k for k in keys if not self.cleaned_data[f"show_{k}"]]
        return order, hidden
