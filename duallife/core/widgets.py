"""Form widgets shared by every app.

``NarrowedSelect``: a ``<select>`` whose options another ``<select>`` of the same form narrows —
a prefecture picked, only its municipalities are left to pick from (instead of 258 towns). Each
option carries ``data-parent``, the value of the other select it belongs with, and the select
names the other one by its HTML name in ``data-narrowed-by``. ``core/narrowed-select.js`` (the
widget's media: a page renders ``{{ form.media }}``) keeps the options of the chosen parent and
every option while none is chosen; without JavaScript every option stays. Whether a pair fits is
still checked on the server. ``duallife.regions.forms.narrow_municipalities`` puts it on a form's
prefecture and municipality fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms

__all__ = ["NarrowedSelect"]

Parents = Mapping[str, str] | Callable[[], Mapping[str, str]]


class NarrowedSelect(forms.Select):
    """A select narrowed by another select of its form (see the module's description).

    ``parents`` maps an option's value to the value of its parent option, or is a callable that
    gives that mapping, read once when the select is first rendered (a form that is only
    validated reads nothing). An option it does not name (the empty one) is always kept.
    """

    class Media:
        js = [forms.Script("core/narrowed-select.js", defer=True)]

    def __init__(self, attrs=None, choices=(), *, narrowed_by: str, parents: Parents) -> None:
        super().__init__({**(attrs or {}), "data-narrowed-by": narrowed_by}, choices)
        self._parents = parents

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._parents = self._parents
        return result

    def parents(self) -> Mapping[str, str]:
        if callable(self._parents):
            self._parents = self._parents()
        return self._parents

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        parent = self.parents().get(str(value)) if value not in (None, "") else None
        if parent is not None:
            option["attrs"]["data-parent"] = str(parent)
        return option
