"""One way to filter a list page: a GET form whose fields live in the URL, so a filtered
list can be shared, bookmarked and used without JavaScript. Rendered by
`core/includes/filters.html`."""

from django import forms
from django.utils.functional import cached_property

from .forms import FilterFormRenderer


class FilterForm(forms.Form):
    """Subclasses declare fields named after their URL parameter and map each to an ORM
    lookup (a string) or a function `(queryset, value) -> queryset` in `lookups`.

    A value that does not (or no longer) exist is dropped instead of reported: an old shared
    link should still show a list, not an error."""

    lookups: dict = {}
    default_renderer = FilterFormRenderer

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(data.copy() if data else None, **kwargs)

    @cached_property
    def values(self):
        """The valid, non-empty filter values by field name."""
        if not self.is_bound:
            return {}
        if not self.is_valid():
            for name in list(self.errors):
                self.data.pop(name, None)
            self._errors = None
            self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.lookups and value not in (None, "", [], ())
        }

    @property
    def active(self):
        return bool(self.values)

    def apply(self, queryset, exclude=()):
        """The queryset narrowed by every active filter except those named in `exclude`."""
        for name, value in self.values.items():
            if name in exclude:
                continue
            lookup = self.lookups[name]
            if callable(lookup):
                queryset = lookup(queryset, value)
            else:
                queryset = queryset.filter(**{lookup: value})
        return queryset


def choice_field(label, choices, empty_label):
    """An optional select whose first option means "no filter"."""
    return forms.ChoiceField(label=label, required=False, choices=[("", empty_label), *choices])


def text_field(label, **attrs):
    return forms.CharField(
        label=label, required=False, max_length=80, widget=forms.TextInput(attrs=attrs)
    )


def normalise_text(value):
    """Collapse whitespace, so "  Den   Haag " finds "Den Haag"."""
    return " ".join(value.split())
