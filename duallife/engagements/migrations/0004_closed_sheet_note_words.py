"""The note kept when a sheet's closing ends an application says 「募集が終了しました。」 (the words
a talent reads), no longer 「仕様書の募集が終了しました。」; notes kept before change with it, so
they still translate when shown."""

from django.db import migrations

OLD = "仕様書の募集が終了しました。"
NEW = "募集が終了しました。"


def forwards(apps, schema_editor):
    apps.get_model("engagements", "ApplicationEvent").objects.filter(note=OLD).update(note=NEW)


def backwards(apps, schema_editor):
    apps.get_model("engagements", "ApplicationEvent").objects.filter(note=NEW).update(note=OLD)


class Migration(migrations.Migration):
    dependencies = [("engagements", "0003_message_attachments_private")]

    operations = [migrations.RunPython(forwards, backwards)]
