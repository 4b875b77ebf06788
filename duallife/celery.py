"""Celery application: Redis broker when REDIS_URL is set, eager in-process tasks otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duallife.settings")

app = Celery("duallife")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
