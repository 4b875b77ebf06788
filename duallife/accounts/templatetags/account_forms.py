"""Accessible form rendering: a label for every field, help and errors tied to the input with
``aria-describedby``, ``aria-invalid`` on fields in error, and an error summary linking to them.

    {% load account_forms %}
    {% error_summary form %}
    {% field_row form.email %}
"""

from __future__ import annotations

from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect

register = template.Library()


def _ids(field) -> tuple[str, str, str]:
    base = field.auto_id or f"id_{field.html_name}"
    return base, f"{base}-help", f"{base}-error"


@register.inclusion_tag("accounts/includes/field.html")
def field_row(field) -> dict:
    base, help_id, error_id = _ids(field)
    widget = field.field.widget
    grouped = isinstance(widget, RadioSelect | CheckboxSelectMultiple)
    describedby = [i for i, present in ((help_id, field.help_text), (error_id, field.errors)) if present]
    attrs: dict[str, str] = {}
    if describedby and not grouped:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors and not grouped:
        attrs["aria-invalid"] = "true"
    if field.field.required and not isinstance(widget, CheckboxInput) and not grouped:
        attrs["aria-required"] = "true"
    return {
        "field": field,
        "widget_html": field.as_widget(attrs=attrs),
        "is_checkbox": isinstance(widget, CheckboxInput),
        "grouped": grouped,
        "describedby": " ".join(describedby),
        "help_id": help_id,
        "error_id": error_id,
        "field_id": base,
    }


def _first_input_id(field) -> str:
    base, _help, _error = _ids(field)
    if isinstance(field.field.widget, RadioSelect | CheckboxSelectMultiple):
        return f"{base}_0"
    return base


@register.inclusion_tag("accounts/includes/error_summary.html")
def error_summary(*forms) -> dict:
    items: list[dict] = []
    for form in forms:
        if form is None or not getattr(form, "is_bound", False) or not form.errors:
            continue
        for error in form.non_field_errors():
            items.append({"href": None, "label": None, "message": error})
        for field in form:
            if field.is_hidden:
                for error in field.errors:
                    items.append({"href": None, "label": None, "message": error})
                continue
            for error in field.errors:
                items.append({"href": f"#{_first_input_id(field)}", "label": field.label, "message": error})
    return {"items": items}
