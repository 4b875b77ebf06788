"""Provision records are kept three years, then deleted by the daily job; never before."""

from __future__ import annotations

import datetime

from django.utils import timezone

from duallife.engagements.models import CONSENT_RETENTION, ConsentRecord
from duallife.engagements.services.consent import consents_purge_expired
from duallife.engagements.tasks import purge_consent_records


def test_a_new_record_is_kept_for_three_years(application):
    record = ConsentRecord.objects.get(application=application)

    assert record.keep_until == (record.granted_at + CONSENT_RETENTION).date()
    assert record.keep_until >= timezone.localdate() + datetime.timedelta(days=3 * 365)


def test_records_past_their_date_are_deleted_and_the_others_kept(world, application):
    today = timezone.localdate()
    kept = ConsentRecord.objects.get(application=application)
    expired = ConsentRecord.objects.create(
        talent_user=world.talent,
        application=application,
        recipient=world.company,
        fields=["phone"],
        basis=ConsentRecord.Basis.ADDITIONAL,
        keep_until=today - datetime.timedelta(days=1),
    )
    last_day = ConsentRecord.objects.create(
        talent_user=world.talent,
        application=application,
        recipient=world.company,
        fields=["hometown"],
        basis=ConsentRecord.Basis.ADDITIONAL,
        keep_until=today,
    )

    deleted = consents_purge_expired(today=today)

    assert deleted == 1
    assert not ConsentRecord.objects.filter(pk=expired.pk).exists()
    assert set(ConsentRecord.objects.values_list("pk", flat=True)) == {kept.pk, last_day.pk}


def test_purging_again_changes_nothing(world, application):
    ConsentRecord.objects.update(keep_until=timezone.localdate() - datetime.timedelta(days=1))

    assert consents_purge_expired(today=timezone.localdate()) == 1
    assert consents_purge_expired(today=timezone.localdate()) == 0
    assert not ConsentRecord.objects.exists()


def test_the_daily_task_purges_through_the_service(world, application):
    ConsentRecord.objects.update(keep_until=timezone.localdate() - datetime.timedelta(days=1))

    result = purge_consent_records.delay()

    assert result.get() == 1
    assert not ConsentRecord.objects.exists()


def test_a_record_outlives_the_application_it_was_given_for(world, application):
    """The record is the proof of the provision; it stays even without its application row."""
    from duallife.engagements.models import Application

    Application.objects.filter(pk=application.pk).delete()

    record = ConsentRecord.objects.get()
    assert record.application is None
    assert record.fields == ["name", "email"]
    assert record.recipient == world.company
