"""Titles and bodies become texts worded when read (``subject``/``content``, JSON).

Notifications written before keep their words as written: each becomes a literal text."""

from django.db import migrations, models


def keep_written_words(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "title", "body").iterator():
        lines = [{"s": line} for line in (row.body or "").split("\n")] if row.body else []
        Notification.objects.filter(pk=row.pk).update(subject={"s": row.title}, content=lines)


def back_to_words(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "subject", "content").iterator():
        def word(part):
            return part.get("s", part.get("m", "")) if isinstance(part, dict) else str(part or "")

        body = "\n".join(word(line) for line in row.content or [])
        Notification.objects.filter(pk=row.pk).update(title=word(row.subject)[:200], body=body)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_draft_kind")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="subject",
            field=models.JSONField(default=dict, verbose_name="件名"),
        ),
        migrations.AddField(
            model_name="notification",
            name="content",
            field=models.JSONField(blank=True, default=list, verbose_name="本文"),
        ),
        migrations.RunPython(keep_written_words, back_to_words),
        migrations.RemoveField(model_name="notification", name="title"),
        migrations.RemoveField(model_name="notification", name="body"),
    ]
