"""Schemathesis against the messages API, called as the talent, a company member and a coordinator.

Checks: no 5xx, every status code declared, every body matching its schema — for generated ids,
pages, bodies and files (multipart), with an application and a few messages present.
"""

import pytest

from duallife.engagements.services.messages import message_post
from duallife.testing.files import pdf, private_root
from duallife.testing.fuzzing import CHECKS, SETTINGS, api_schema, calls_as, connection_kept

schema = api_schema(r"^/api/v1/my/(applications/\{application_id\}/messages|messages/)")


@pytest.fixture
def signed_in(staff_mfa, application, settings, tmp_path):
    """Session cookies of three people with a part in the thread, a few messages, files stored in
    a throw-away folder, and the WSGI app called without closing the test's connection (see
    ``duallife/simulator/tests/test_api_schema.py``)."""
    world = staff_mfa
    private_root(settings, tmp_path / "media")
    message_post(application=application, by=world.talent, body="よろしくお願いします。")
    message_post(application=application, by=world.owner, body="資料です。", attachment=pdf())
    with connection_kept():
        yield calls_as({"talent": world.talent, "company": world.member, "staff": world.coordinator})


@pytest.mark.parametrize("who", ["talent", "company", "staff"])
@schema.parametrize()
@SETTINGS
def test_messages_api_holds_its_schema_for_generated_ids(case, signed_in, who):
    response = case.call_and_validate(checks=CHECKS, **signed_in[who])
    assert response.status_code != 401  # really signed in


@pytest.mark.parametrize("who", ["talent", "company", "staff"])
@schema.parametrize()
@SETTINGS
def test_messages_api_holds_its_schema_on_a_real_thread(case, signed_in, application, who):
    if case.path_parameters and "application_id" in case.path_parameters:
        case.path_parameters["application_id"] = application.pk
    response = case.call_and_validate(checks=CHECKS, **signed_in[who])
    assert response.status_code not in (401, 404)
