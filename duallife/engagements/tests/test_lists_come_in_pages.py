"""Long engagement lists come a page at a time, at a query count that does not grow with them: a
talent's ended applications, answered scouts and 気になる sheets (twenty a page), a company's
pipeline (twenty rows a page in the list, the newest ten of each status on the board with a link to
the rest); a page number that makes no sense still gives a page, never an error."""

from __future__ import annotations

import pytest

from duallife.engagements.models import Application, Interest, Scout
from duallife.engagements.services.applications import application_submit
from duallife.postings.models import SpecSheet
from duallife.testing.engagements import APPLY_MESSAGE, copy_per_sheet, profile, send
from duallife.testing.pages import TALENT_HEADER_QUERIES
from duallife.testing.postings import copy_sheet

GARBAGE = ["0", "-3", "999", "abc", "9" * 30, "1.5", "２"]


@pytest.fixture
def sheets(make_sheet):
    """Forty-five published sheets of ``world.company``."""

    def build(count: int) -> list[SpecSheet]:
        first = make_sheet(SpecSheet.Status.PUBLISHED, openings=2)
        return [first, *copy_sheet(first, count - 1)]

    return build


def applied(world, sheets: list[SpecSheet], **changes) -> list[Application]:
    first = application_submit(
        sheet=sheets[0], by=world.talent, message=APPLY_MESSAGE, shared_fields=["name"]
    )
    Application.objects.filter(pk=first.pk).update(**changes)
    return [first, *copy_per_sheet(first, sheets[1:], **changes)]


@pytest.mark.parametrize("count", [3, 45])
def test_a_talents_ended_applications_come_twenty_a_page(
    client, world, sheets, django_assert_max_num_queries, count
):
    *ended, running = sheets(count + 1)
    applied(world, ended, status=Application.Status.DECLINED)
    applied(world, [running])
    client.force_login(world.talent)

    with django_assert_max_num_queries(12):
        first = client.get("/applications/")
    last = client.get("/applications/", {"page": "3"})

    assert len(first.context["open_applications"]) == 1  # what is going on is always there
    assert len(first.context["other_applications"]) == min(count, 20)
    if count > 20:
        assert 'href="?page=2#other-heading"' in first.content.decode()
        assert len(last.context["other_applications"]) == 5
        assert len(last.context["open_applications"]) == 1


@pytest.mark.parametrize("count", [3, 45])
def test_the_pipeline_list_pages_and_the_board_shows_ten_a_column(
    client, world, sheets, django_assert_max_num_queries, count
):
    applied(world, sheets(count), status=Application.Status.DECLINED)
    client.force_login(world.owner)

    with django_assert_max_num_queries(16):
        board = client.get("/applications/pipeline/")
    with django_assert_max_num_queries(16):
        listed = client.get("/applications/pipeline/", {"view": "list", "status": "declined"})

    declined = next(c for c in board.context["columns"] if c["status"] == "declined")
    assert declined["count"] == count
    assert len(declined["applications"]) == min(count, 10)
    assert len(listed.context["applications"]) == min(count, 20)
    assert f"絞り込み（{count}件）" in board.content.decode()
    more = f'href="?view=list&amp;status=declined">一覧ですべて見る（{count}件）</a>'
    assert (more in board.content.decode()) == (count > 10)
    if count > 20:
        assert 'href="?view=list&amp;status=declined&amp;page=2"' in listed.content.decode()


@pytest.mark.parametrize("count", [3, 45])
def test_a_talents_answered_scouts_come_twenty_a_page(
    client, world, sheets, django_assert_max_num_queries, count
):
    *answered, waiting = sheets(count + 1)
    copy_per_sheet(send(world, waiting), answered, status=Scout.Status.DECLINED)
    client.force_login(world.talent)

    with django_assert_max_num_queries(15 + TALENT_HEADER_QUERIES):  # also: the casual talks
        first = client.get("/scouts/")

    assert len(first.context["pending"]) == 1
    assert len(first.context["answered"]) == min(count, 20)
    assert len(client.get("/scouts/", {"page": "3"}).context["answered"]) == (5 if count > 20 else count)


@pytest.mark.parametrize("count", [3, 45])
def test_a_talents_interesting_sheets_come_twenty_a_page(
    client, world, sheets, django_assert_max_num_queries, count
):
    talent = profile(world.talent)
    Interest.objects.bulk_create(Interest(talent=talent, sheet=sheet) for sheet in sheets(count))
    client.force_login(world.talent)

    with django_assert_max_num_queries(12):
        first = client.get("/interests/")
    last = client.get("/interests/", {"page": "3"})

    assert len(first.context["sheet_interests"]) == min(count, 20)
    if count > 20:
        assert len(last.context["sheet_interests"]) == 5
        assert 'name="next" value="/interests/?page=3"' in last.content.decode()  # back to this page


@pytest.mark.parametrize("garbage", GARBAGE)
@pytest.mark.parametrize(
    ("who", "path", "params"),
    [
        ("talent", "/applications/", {}),
        ("talent", "/scouts/", {}),
        ("talent", "/interests/", {}),
        ("owner", "/applications/pipeline/", {"view": "list"}),
    ],
)
def test_a_page_number_that_makes_no_sense_still_gives_a_page(
    client, world, sheets, who, path, params, garbage
):
    all_sheets = sheets(25)
    applied(world, all_sheets, status=Application.Status.DECLINED)
    Interest.objects.bulk_create(Interest(talent=profile(world.talent), sheet=sheet) for sheet in all_sheets)
    client.force_login(getattr(world, who))

    response = client.get(path, {**params, "page": garbage})

    assert response.status_code == 200
    assert response.context["page"].number in (1, 2)
