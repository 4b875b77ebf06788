"""The phone walk (e2e/test_phone_walk.py) opens one page of every page template: a new page
template is walked, or listed as not walked with a reason."""

from duallife.testing.phone_walk import NOT_WALKED, WALK, page_templates


def test_every_page_template_is_walked_on_a_phone_or_excused():
    walked = {visit.template for visit in WALK}
    missing = sorted(page_templates() - walked - set(NOT_WALKED))
    assert not missing, "page templates the phone walk never opens: " + ", ".join(missing)


def test_the_walk_names_templates_that_exist():
    assert not {visit.template for visit in WALK} - page_templates()
    assert not set(NOT_WALKED) - page_templates()
