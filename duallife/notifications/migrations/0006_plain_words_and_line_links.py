"""Notifications kept before read with today's words and links.

- A talent reads about 「募集」 and 「案件」, no longer 「仕様書」 (the companies' word): texts kept as
  the old msgids become the new ones, so they read, and translate, as new notifications do.
- An open sheet suggested in a notification was a line 「・title（/sheets/80/）」 with the path in
  its words; it becomes the line 「・title」 linking to the sheet (the link kept beside the text).
"""

from django.db import migrations

RENAMED = {
    "ご応募ありがとうございました。ほかの仕様書もぜひご覧ください。": (
        "ご応募ありがとうございました。ほかの募集もぜひご覧ください。"
    ),
    "あなたに合いそうな、募集中の仕様書：": "あなたに合いそうな、募集中の案件：",
    "近いテーマで募集中の仕様書：": "近いテーマで募集中の案件：",
    "新しい仕様書%(count)d件": "新しい案件%(count)d件",
    "「%(name)s」に合う新しい仕様書": "「%(name)s」に合う新しい案件",
}
OLD_SHEET_LINE = "・%(title)s（%(url)s）"
NEW_SHEET_LINE = "・%(title)s"
LINK_KEY = "u"


def _renamed(value, mapping):
    """``value`` (a text's JSON, or anything inside it) with the msgids of ``mapping`` replaced."""
    if isinstance(value, list):
        return [_renamed(item, mapping) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _renamed(item, mapping) for key, item in value.items()}
    for key in ("m", "pl"):
        if isinstance(out.get(key), str) and out[key] in mapping:
            out[key] = mapping[out[key]]
    return out


def _linked(line):
    """A suggested sheet's line: its path out of the words and into the line's link."""
    if not isinstance(line, dict) or line.get("m") != OLD_SHEET_LINE:
        return line
    params = dict(line.get("p") or {})
    url = params.pop("url", "")
    out = {"m": NEW_SHEET_LINE, "p": params}
    if isinstance(url, str) and url.startswith("/") and not url.startswith("//"):
        out[LINK_KEY] = url
    return out


def _unlinked(line):
    if not isinstance(line, dict) or line.get("m") != NEW_SHEET_LINE or LINK_KEY not in line:
        return line
    return {"m": OLD_SHEET_LINE, "p": {**(line.get("p") or {}), "url": line[LINK_KEY]}}


def _rewrite(apps, mapping, line_change):
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "kind", "subject", "content").iterator():
        subject = _renamed(row.subject, mapping)
        content = _renamed(row.content or [], mapping)
        if row.kind != "digest":  # a digest's entries are its own linked lines
            content = [line_change(line) for line in content]
        if subject != row.subject or content != row.content:
            Notification.objects.filter(pk=row.pk).update(subject=subject, content=content)


def forwards(apps, schema_editor):
    _rewrite(apps, RENAMED, _linked)


def backwards(apps, schema_editor):
    _rewrite(apps, {new: old for old, new in RENAMED.items()}, _unlinked)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0005_email_due")]

    operations = [migrations.RunPython(forwards, backwards)]
