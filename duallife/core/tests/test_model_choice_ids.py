"""A number beyond a bigint in a field that picks a place, a theme or an organisation is an
invalid choice on the form — never an ``OverflowError`` from the database (a 500)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from duallife.organizations.forms.directory import DirectoryFilterForm
from duallife.postings import selectors as sheet_selectors
from duallife.postings.forms.listing import ListingForm
from duallife.postings.forms.sheets import SpecSheetForm
from duallife.recommendations.forms import SheetMatchForm, TalentMatchForm
from duallife.regions.models import Prefecture
from duallife.talents.forms import TalentProfileForm, TalentSearchForm
from duallife.testing.vocabulary import forget_vocabulary, load_vocabulary_for_tests

HUGE = "99999999999999999999999"
NOT_IDS = (HUGE, "9223372036854775808", "-1", "0", "1.5", "abc")


@pytest.fixture
def vocabulary(region_pack):
    yield load_vocabulary_for_tests()
    forget_vocabulary()


def _forms():
    return {
        "talent profile": lambda data: TalentProfileForm(data),
        "talent search": lambda data: TalentSearchForm(data),
        "spec sheet": lambda data: SpecSheetForm(data),
        "sheet listing": lambda data: ListingForm(data, choices=sheet_selectors.listing_choices()),
        "directory": lambda data: DirectoryFilterForm(data, prefectures=Prefecture.objects.all()),
        "sheet matches": lambda data: SheetMatchForm(data),
        "talent matches": lambda data: TalentMatchForm(data),
    }


def _choice_fields(form: forms.Form) -> list[str]:
    return [name for name, field in form.fields.items() if isinstance(field, forms.ChoiceField)]


@pytest.mark.django_db
@pytest.mark.parametrize("value", NOT_IDS)
@pytest.mark.parametrize("form_name", list(_forms()))
def test_every_choice_field_refuses_what_is_not_one_of_its_ids(vocabulary, form_name, value):
    build = _forms()[form_name]
    names = _choice_fields(build(None))
    assert names, form_name
    for name in names:
        multiple = isinstance(
            build(None).fields[name], forms.MultipleChoiceField | forms.ModelMultipleChoiceField
        )
        form = build({name: [value] if multiple else value})
        assert not form.is_valid()
        assert name in form.errors, (form_name, name)


@pytest.mark.django_db
def test_a_value_that_is_not_an_id_is_refused_without_a_query(vocabulary, django_assert_num_queries):
    form = TalentProfileForm()
    with django_assert_num_queries(0):
        for name, value in (
            ("themes", [HUGE]),
            ("prefectures_of_interest", ["-1"]),
            ("home_prefecture", HUGE),
        ):
            with pytest.raises(ValidationError):
                form.fields[name].clean(value)


@pytest.mark.django_db
def test_huge_ids_on_the_pages_are_form_errors(client, django_user_model, vocabulary):
    user = django_user_model.objects.create_user(username="tamaki", email="tamaki@example.com", password="x")
    client.force_login(user)
    response = client.post(
        "/talents/me/edit/", {"themes": [HUGE], "home_prefecture": HUGE, "prefectures_of_interest": [HUGE]}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"themes", "home_prefecture", "prefectures_of_interest"} <= set(errors)
    for url in (
        f"/sheets/?prefecture={HUGE}&municipality={HUGE}&theme={HUGE}",
        f"/organizations/?prefecture={HUGE}&industry={HUGE}",
        f"/talents/?theme={HUGE}&interest={HUGE}&hometown={HUGE}",
    ):
        assert client.get(url).status_code in (200, 403), url
