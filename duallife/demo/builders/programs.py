"""The demo's fictional support programmes (支援制度), one per pack prefecture and featured town.

Written directly: a programme is reference data staff keep in the admin, with no service or rule
of its own. Idempotent: a programme edited since is restored, and nothing else is touched.
"""

from __future__ import annotations

from duallife.regions.models import Municipality, Prefecture, SupportProgram

from ..content import DemoContent
from ..plan import DEMO_EMAIL_DOMAIN
from ..report import DemoReport


def programs(report: DemoReport, content: DemoContent, slug: str) -> None:
    prefectures = {p.code: p for p in Prefecture.objects.filter(pack__slug=slug)}
    listed = content.programs.program
    codes = {program.municipality for program in listed if program.municipality}
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=codes, role=Municipality.Role.PACK)
    }
    for program in listed:
        prefecture = prefectures.get(program.prefecture)
        municipality = municipalities.get(program.municipality) if program.municipality else None
        if prefecture is None or (program.municipality and municipality is None):
            report.programs_skipped.append(program.municipality or program.prefecture)
            continue
        values = {
            "owner": program.owner + content.mark,
            "category": SupportProgram.Category(program.category),
            "name": content.mark + program.name,
            "summary": f"{program.summary}\n{content.notes.program}",
            "amount_yen": program.amount_yen,
            "amount_note": program.amount_note,
            "conditions": program.conditions,
            "url": f"https://{DEMO_EMAIL_DOMAIN}/demo/{program.municipality or program.prefecture}/"
            f"{program.category}/",
            "is_published": program.is_published,
        }
        existing = SupportProgram.objects.filter(
            prefecture=prefecture, municipality=municipality, name=values["name"]
        ).first()
        if existing is None:
            SupportProgram.objects.create(prefecture=prefecture, municipality=municipality, **values)
            report.programs_created += 1
            continue
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        if changed:
            for name in changed:
                setattr(existing, name, values[name])
            existing.save(update_fields=[*changed, "updated_at"])
            report.programs_updated += 1
        else:
            report.programs_unchanged += 1
