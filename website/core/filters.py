"""One way to filter a list page: a GET form whose fields live in the URL, so a filtered
list can be shared, bookmarked and used without JavaScript. Rendered by
`core/includes/filters.html`."""

from django import forms
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from website.caching.content_cache import remember

from .forms import FilterFormRenderer


class FilterForm(forms.Form):
    """Subclasses declare fields named after their URL parameter and map each to an ORM
    lookup (a string) or a function `(queryset, value) -> queryset` in `lookups`.

    A value that does not (or no longer) exist is dropped instead of reported: an old shared
    link should still show a list, not an error."""

    lookups: dict = {}
    # One renderer for every form (as Django's default): a class here would make each form
    # its own template engine, which parsed the form's templates again on every request.
    default_renderer = FilterFormRenderer()

    def __init__(self, data=None, scope="", **kwargs):
        """`scope` names what the choices come from (the list page's id), for the cache."""
        kwargs.setdefault("auto_id", "filter-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(data.copy() if data else None, **kwargs)
        self.scope = scope

    @property
    def rendered_fields(self):
        """The fields' HTML. Rendering a select with its options through the form templates
        is most of a list page's time, and it is the same for everyone who chose the same:
        from the content cache when every chosen value is one of the choices (free text
        would make endless keys)."""

        def render():
            return mark_safe("".join(field.as_field_group() for field in self))  # noqa: S308

        if self.cache_key is None:
            return render()
        return remember("filter-fields", render, self.cache_key)

    @property
    def cache_key(self):
        """A string naming what was chosen (for caching what depends on it: the fields, the
        list), or None when a free-text value was typed: that would make endless keys."""
        values = self.values
        if any(not isinstance(self.fields[name], forms.ChoiceField) for name in values):
            return None
        chosen = sorted((name, str(value)) for name, value in values.items())
        return f"{type(self).__name__}:{self.scope}:{chosen}"

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
