"""Model choice fields that read ids the way :mod:`duallife.core.ids` does.

Django's ``ModelChoiceField`` and ``ModelMultipleChoiceField`` hand whatever was posted to the
database; on SQLite an id beyond a bigint (``99999999999999999999999``) then raises
``OverflowError`` (a 500). These refuse a value that is not an id with the field's own
``invalid_choice`` / ``invalid_pk_value`` message before any query. Every form field that picks a
model uses them; a ``ModelForm`` names them for its foreign keys in ``Meta.field_classes``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .ids import is_id

__all__ = ["IdModelChoiceField", "IdModelMultipleChoiceField"]


class _IdChoiceMixin:
    def _reads_ids(self) -> bool:
        """Whether the field's values are integer ids (not codes or slugs)."""
        meta = self.queryset.model._meta
        field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        return isinstance(field, models.IntegerField)

    def _refuses(self, value) -> bool:
        return not isinstance(value, models.Model) and self._reads_ids() and not is_id(value)


class IdModelChoiceField(_IdChoiceMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and self._refuses(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class IdModelMultipleChoiceField(_IdChoiceMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if self._refuses(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
