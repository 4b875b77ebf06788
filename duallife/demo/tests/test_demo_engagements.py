"""The demo's applications, scouts, messages and contracts go through the engagement services;
a second run adds none, and no demo notification sends mail."""

from django.db.models import Count, F

from duallife.demo.services import demo_data_create
from duallife.engagements.models import Application, ConsentRecord, Contract, Message, Scout
from duallife.notifications.models import Notification
from duallife.postings.models import SpecSheet


def test_the_demo_walks_applications_scouts_and_contracts_through_the_services(region_pack, mailoutbox):
    report = demo_data_create(password="demo-password-123", small=True)

    assert Application.objects.count() == report.created["applications"] > 0
    assert Scout.objects.count() == report.created["scouts"] > 0
    assert Contract.objects.count() == report.created["contracts"] > 0
    assert ConsentRecord.objects.exists()
    # the first talent talks with the first company and has a scout waiting (the sample log-ins)
    first = Application.objects.get(talent__user__email="talent-0001@example.jp", status="in_conversation")
    assert Message.objects.filter(application=first).count() >= 2
    assert Scout.objects.filter(talent=first.talent, status="pending").exists()
    # never more contracts than openings
    over = SpecSheet.objects.annotate(n=Count("contracts")).filter(n__gt=F("openings"))
    assert not over.exists()
    # demo notifications stay in the app: no mail goes out
    assert Notification.objects.exists()
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert mailoutbox == []


def test_a_second_demo_run_adds_no_engagements(region_pack):
    demo_data_create(password="demo-password-123", small=True)
    before = Application.objects.count()

    report = demo_data_create(small=True)

    assert Application.objects.count() == before
    assert report.created["applications"] == 0
    assert report.existing["applications"] == before
