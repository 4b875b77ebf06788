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
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
