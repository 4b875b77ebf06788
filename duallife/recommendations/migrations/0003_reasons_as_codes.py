"""Recommendation reasons are stored as codes and values (``[code, params]``), worded when read in
the reader's language, instead of Japanese sentences. Rows written before are converted where a
sentence is recognised; any other sentence is kept (it is shown as written, and the next refresh
replaces it)."""

import re

from django.db import migrations, models

_LIST = "、"
_DURATION = re.compile(r"^(?:(\d+)時間)?(?:(\d+)分)?$")
_ROUTE = re.compile(r"^(.+)まで片道(.+?)・往復([\d,]+)円(（県内の目安）)?$")
_WORKLOAD = re.compile(r"^(?:月(\d+)日|日数は相談)・(リモート中心|リモート|現地中心)$")
_CROWDED = re.compile(r"^応募が集中しています（募集(\d+)人に(\d+)人）$")
_STYLES = {"リモート": "remote", "リモート中心": "hybrid", "現地中心": "onsite"}


def _minutes(text):
    match = _DURATION.match(text)
    if not match or not any(match.groups()):
        return None
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def _code(sentence):
    """A stored Japanese sentence as ``[code, params]``, or the sentence itself if not recognised."""
    if not isinstance(sentence, str):
        return sentence
    for prefix, code, key in (("スキル一致: ", "skill_match", "skills"), ("テーマ: ", "themes", "themes")):
        if sentence.startswith(prefix):
            names = sentence[len(prefix) :].split(_LIST)
            return [code, {key: names, "n": len(names)}]
    if sentence.startswith("出身地: "):
        return ["hometown", {"place": sentence[len("出身地: ") :]}]
    if sentence.startswith("関心のある県: "):
        return ["interest", {"place": sentence[len("関心のある県: ") :]}]
    if match := _WORKLOAD.match(sentence):
        days = int(match.group(1)) if match.group(1) else None
        return ["workload", {"days": days, "style": _STYLES[match.group(2)]}]
    if match := _CROWDED.match(sentence):
        return ["crowded", {"openings": int(match.group(1)), "applicants": int(match.group(2))}]
    if (match := _ROUTE.match(sentence)) and (minutes := _minutes(match.group(2))) is not None:
        fare = int(match.group(3).replace(",", ""))
        params = {"place": match.group(1), "minutes": minutes, "fare": fare, "estimate": bool(match.group(4))}
        return ["route", params]
    return sentence


def to_codes(apps, schema_editor):
    for name in ("SheetRecommendation", "TalentRecommendation"):
        model = apps.get_model("recommendations", name)
        changed = []
        for row in model.objects.only("pk", "reasons").iterator(chunk_size=2000):
            reasons = [_code(reason) for reason in row.reasons or []]
            if reasons != row.reasons:
                row.reasons = reasons
                changed.append(row)
        model.objects.bulk_update(changed, ["reasons"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0002_saved_searches_and_digests"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sheetrecommendation",
            name="reasons",
            field=models.JSONField(
                default=list,
                help_text="おすすめの理由のコードと値（表示するときに言葉にします）",
                verbose_name="理由",
            ),
        ),
        migrations.AlterField(
            model_name="talentrecommendation",
            name="reasons",
            field=models.JSONField(
                default=list,
                help_text="おすすめの理由のコードと値（表示するときに言葉にします）",
                verbose_name="理由",
            ),
        ),
        migrations.RunPython(to_codes, migrations.RunPython.noop, elidable=True),
    ]
