"""Accessible form fields for the profile pages: ``{% load profile_forms %}{% form_field form.name %}``.

Each field gets its label, its help text and its errors, tied to the input with
``aria-describedby`` (and ``aria-invalid`` when it has errors). Groups of checkboxes or radio
buttons are wrapped in a ``<fieldset>`` whose ``<legend>`` is the label.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()

_GROUP_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.inclusion_tag("organizations/_form_field.html")
def form_field(field: BoundField, *, wide: bool = False, hide_label: bool = False) -> dict:
    widget = field.field.widget
    base_id = field.auto_id or field.html_name
    help_id = f"{base_id}-help" if field.help_text else ""
    error_id = f"{base_id}-errors" if field.errors else ""
    described_by = " ".join(filter(None, [help_id, error_id]))
    attrs: dict[str, str] = {}
    if described_by:
        attrs["aria-describedby"] = described_by
    if field.errors:
        attrs["aria-invalid"] = "true"
    is_group = isinstance(widget, _GROUP_WIDGETS)
    return {
        "field": field,
        # a group's <fieldset> carries the description; its inputs need not repeat it
        "widget_html": field.as_widget() if is_group else field.as_widget(attrs=attrs),
        "help_id": help_id,
        "error_id": error_id,
        "is_group": is_group,
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
        "wide": wide,
        "hide_label": hide_label,
        "required": field.field.required and not isinstance(widget, forms.CheckboxInput),
    }
