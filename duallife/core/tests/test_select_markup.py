"""Our select template (``duallife/core/widget_templates``) writes exactly what Django's writes,
for every kind of select the site has: plain, grouped, several chosen, disabled and required."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from duallife.core.forms import FormRenderer

GROUPED = [
    ("", "すべて"),
    ("宮城県", [("041009", "仙台市"), ("042021", "石巻市 & <港>")]),
    ("岩手県", [("032018", "盛岡市")]),
]


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "A"), ("b", 'B "quoted"')])
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二"), (3, "三")])
    fixed = forms.ChoiceField(choices=[("x", "X")], disabled=True)


@pytest.mark.parametrize(
    "data",
    [None, {"plain": "b", "grouped": "042021", "several": ["1", "3"], "fixed": "x"}, {"grouped": "nowhere"}],
)
def test_every_select_renders_as_django_renders_it(data):
    ours, djangos = Choices(data, renderer=FormRenderer()), Choices(data, renderer=DjangoTemplates())
    for name in Choices.base_fields:
        assert ours[name].as_widget() == djangos[name].as_widget(), name


def test_the_chosen_option_is_marked_and_labels_are_escaped():
    form = Choices({"grouped": "042021", "several": ["1", "3"]}, renderer=FormRenderer())
    grouped, several = form["grouped"].as_widget(), form["several"].as_widget()
    assert '<optgroup label="宮城県">' in grouped
    assert '<option value="042021" selected>石巻市 &amp; &lt;港&gt;</option>' in grouped
    assert several.count(" selected>") == 2
    assert "multiple" in several
