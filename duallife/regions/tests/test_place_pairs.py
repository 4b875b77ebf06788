"""Prefecture → municipality: every form that picks a municipality lets a prefecture select narrow
it (one widget, one script), and a municipality of another prefecture is refused in words."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from duallife.core.widgets import NarrowedSelect
from duallife.organizations.models import Organization
from duallife.postings.selectors import listing_choices
from duallife.regions.forms import narrow_municipalities
from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch
from duallife.testing.forms import project_form_classes
from duallife.testing.organizations import make_company

SENDAI, AKITA_CITY = "041009", "052019"


def _arguments(cls_name: str) -> dict:
    return {
        "CompanyProfileForm": {"organization": Organization.objects.get(slug="pairs-company")},
        "ListingForm": {"choices": listing_choices()},
    }.get(cls_name, {})


def _select_of(field: forms.Field) -> forms.Widget:
    """The select itself (in the admin it sits in a wrapper that adds links)."""
    return getattr(field.widget, "widget", field.widget)


def test_every_form_that_picks_a_municipality_narrows_it_by_a_prefecture(region_pack):
    make_company("pairs-company", municipality=SENDAI)
    sendai = Municipality.objects.get(code=SENDAI)
    forms_with_places = []
    for cls in sorted(project_form_classes(), key=lambda c: (c.__module__, c.__name__)):
        places = [name for name in cls.base_fields if name.endswith("municipality")]
        if not places:
            continue
        form = cls(**_arguments(cls.__name__))
        forms_with_places.append(cls.__name__)
        for name in places:
            prefecture = name.removesuffix("municipality") + "prefecture"
            select = _select_of(form.fields[name])
            html = str(form[name])

            assert prefecture in form.fields, f"{cls.__name__}.{name} has no {prefecture} to narrow it"
            assert isinstance(select, NarrowedSelect), f"{cls.__name__}.{name}"
            assert f'data-narrowed-by="{form.add_prefix(prefecture)}"' in html, cls.__name__
            by_code = f'value="{SENDAI}"' in html
            parent = sendai.prefecture.code if by_code else sendai.prefecture_id
            assert f'data-parent="{parent}"' in html, cls.__name__
            assert "core/narrowed-select.js" in str(form.media), cls.__name__
    assert {
        "CoordinatorBodyForm",
        "ScopeGrantForm",
        "CompanyRegistrationForm",
        "CompanyProfileForm",
        "TalentProfileForm",
        "ListingForm",
        "SpecSheetForm",
        "SupportProgramAdminForm",
    } <= set(forms_with_places)


def test_the_select_reads_the_places_only_when_rendered(region_pack, django_assert_num_queries):
    class PlaceForm(forms.Form):
        prefecture = forms.ChoiceField(choices=[("04", "宮城県")])
        municipality = forms.ChoiceField(choices=[("", "—"), (SENDAI, "仙台市"), (AKITA_CITY, "秋田市")])

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            narrow_municipalities(self, by="code")

    with django_assert_num_queries(0):
        assert PlaceForm({"prefecture": "04", "municipality": SENDAI}).is_valid()
    with django_assert_num_queries(1):
        html = str(PlaceForm(prefix="search")["municipality"])

    assert 'data-narrowed-by="search-prefecture"' in html
    assert f'<option value="{SENDAI}" data-parent="04">' in html
    assert f'<option value="{AKITA_CITY}" data-parent="05">' in html
    assert '<option value="" selected>' in html  # the empty option belongs to every prefecture


def test_a_municipality_of_another_prefecture_is_refused_in_both_languages(region_pack):
    sendai = Municipality.objects.get(code=SENDAI)
    akita = Prefecture.objects.get(code="05")

    japanese = municipality_mismatch(sendai, akita)
    with translation.override("en"):
        english = municipality_mismatch(sendai, akita)

    assert japanese == "仙台市は秋田県の市区町村ではありません。都道府県か市区町村を選び直してください。"
    assert english == "Sendai is not a municipality in Akita. Select the prefecture or municipality again."


@pytest.mark.parametrize("prefecture", ["04", None])
def test_a_municipality_that_fits_or_stands_alone_is_no_mismatch(region_pack, prefecture):
    sendai = Municipality.objects.get(code=SENDAI)
    chosen = Prefecture.objects.get(code=prefecture) if prefecture else None

    assert municipality_mismatch(sendai, chosen) is None
    assert municipality_mismatch(None, chosen) is None
