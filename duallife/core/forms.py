"""How every form on the site renders.

``FORM_RENDERER`` points here. Every bound field renders through one template,
``forms/field.html`` (``{{ field.as_field_group }}``), and a whole form through
``forms/form.html`` (``{{ form }}``): a label (a legend for radio buttons and checkbox lists,
which sit in a fieldset), the help text, the errors and the widget. The ids are Django's own:
help ``<auto_id>_helptext``, errors ``<auto_id>_error``; Django's ``BoundField`` already puts
them in the widget's ``aria-describedby`` (the fieldset's, for a group) and sets
``aria-invalid="true"`` on a widget in error, so templates never write those by hand.

The error summary at the top of a form page is the partial ``forms/error_summary.html``.

The renderer is Django's own template engine for forms (Django's widget templates plus the
installed apps' ``templates/`` folders), so the templates live in ``duallife/core/templates``.
Django's select is replaced (``duallife/core/widget_templates``) by one that writes its options
itself: the same markup, without a template include per option.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

#: Our versions of some of Django's widget templates, found before Django's own.
WIDGET_TEMPLATES = Path(__file__).resolve().parent / "widget_templates"
DJANGO_FORM_TEMPLATES = Path(django.forms.__file__).resolve().parent / "templates"


class FormRenderer(DjangoTemplates):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [WIDGET_TEMPLATES, DJANGO_FORM_TEMPLATES],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
