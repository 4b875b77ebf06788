"""Writes to region data. One use case per function; views, commands and tasks call these."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import (
    Indicator,
    Industry,
    IndustryEmployment,
    Municipality,
    NetMigration,
    Prefecture,
    PrefectureIndicator,
    RegionPack,
    RentBenchmark,
    Route,
    Source,
)
from .packs import PackData, packs_dir, read_pack


def manifest_limits() -> dict[str, int]:
    """The longest manifest texts the database takes, from the models' ``max_length``."""
    fields = {
        "pack": (RegionPack, ("slug", "title", "version")),
        "source": (Source, ("key", "title", "publisher", "url", "published")),
    }
    return {
        f"{prefix}.{name}": model._meta.get_field(name).max_length
        for prefix, (model, names) in fields.items()
        for name in names
    }


@dataclass
class LoadReport:
    pack: str
    version: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()) + sum(self.deleted.values()))

    def lines(self) -> list[str]:
        out = []
        for label in sorted(set(self.created) | set(self.updated) | set(self.deleted) | set(self.unchanged)):
            counts = {
                "label": label,
                "created": self.created[label],
                "updated": self.updated[label],
                "deleted": self.deleted[label],
                "unchanged": self.unchanged[label],
            }
            out.append(
                _(
                    "%(label)s: 追加 %(created)d / 更新 %(updated)d / 削除 %(deleted)d / "
                    "変更なし %(unchanged)d"
                )
                % counts
            )
        return out


def region_pack_load(*, slug: str, directory: Path | None = None) -> LoadReport:
    """Validate a region pack in full, then load it in one transaction.

    Idempotent: rows are matched on their natural keys, so a re-run changes nothing and a changed
    file updates rows in place. Figures that left the pack are deleted; places (prefectures,
    municipalities) are never deleted, since user data may point at them.
    The manifest must name the pack ``slug`` (wherever its folder is and whatever it is called).
    Raises :class:`~duallife.regions.packs.PackValidationError` before writing anything.
    """
    data = read_pack(directory or packs_dir() / slug, slug=slug, limits=manifest_limits())
    with transaction.atomic():
        return _write(data)


def _write(data: PackData) -> LoadReport:
    report = LoadReport(pack=data.slug, version=data.version)
    pack, created = RegionPack.objects.get_or_create(
        slug=data.slug, defaults={"title": data.title, "version": data.version, "checksum": data.checksum}
    )
    if not created and (pack.title, pack.version, pack.checksum) != (data.title, data.version, data.checksum):
        pack.title, pack.version, pack.checksum = data.title, data.version, data.checksum
        pack.save()

    other_packs = {p.pk: p for p in RegionPack.objects.exclude(pk=pack.pk)}
    current_pack_ids = dict(Prefecture.objects.values_list("code", "pack_id"))

    def pack_of(code: str) -> RegionPack | None:
        """This pack for its own prefectures; any other prefecture keeps the pack that claimed it."""
        if code in data.prefecture_codes:
            return pack
        return other_packs.get(current_pack_ids.get(code))

    sources = _sync(
        report,
        "sources",
        Source.objects.filter(pack=pack),
        key=lambda o: o.key,
        rows={
            s["key"]: {
                "pack": pack,
                "key": s["key"],
                "title": s["title"],
                "publisher": s["publisher"],
                "url": s["url"],
                "published": s["published"],
                "note": s["note"],
            }
            for s in data.sources
        },
        model=Source,
        delete_missing=False,
    )
    rows = data.rows
    prefectures = _sync(
        report,
        "prefectures",
        Prefecture.objects.all(),
        key=lambda o: o.code,
        rows={r["code"]: {**r, "pack": pack_of(r["code"])} for r in rows["prefectures"]},
        model=Prefecture,
        delete_missing=False,
    )
    municipalities = _sync(
        report,
        "municipalities",
        Municipality.objects.all(),
        key=lambda o: o.code,
        rows={
            r["code"]: {
                "code": r["code"],
                "prefecture": prefectures[r["prefecture_code"]],
                "name": r["name"],
                "name_kana": r["name_kana"],
                "name_en": r["name_en"],
                "role": r["role"],
                "is_capital": r["is_capital"],
            }
            for r in rows["municipalities"]
        },
        model=Municipality,
        delete_missing=False,
    )
    _link_gateways(report, municipalities, rows["municipalities"])
    source_ids = sources
    _sync(
        report,
        "routes",
        Route.objects.filter(source__pack=pack),
        key=lambda o: (o.origin.code, o.destination.code, o.mode),
        rows={
            (r["origin_code"], r["destination_code"], r["mode"]): {
                "origin": municipalities[r["origin_code"]],
                "destination": municipalities[r["destination_code"]],
                "mode": r["mode"],
                "one_way_minutes": r["one_way_minutes"],
                "round_trip_fare_yen": r["round_trip_fare_yen"],
                "note": r["note"],
                "source": source_ids[r["source"]],
                "year": r["year"],
            }
            for r in rows["routes"]
        },
        model=Route,
        related=("origin", "destination"),
    )
    _sync(
        report,
        "rents",
        RentBenchmark.objects.filter(source__pack=pack),
        key=lambda o: o.municipality.code,
        rows={
            r["municipality_code"]: {
                "municipality": municipalities[r["municipality_code"]],
                "monthly_rent_yen": r["monthly_rent_yen"],
                "definition": r["definition"],
                "source": source_ids[r["source"]],
                "year": r["year"],
            }
            for r in rows["rents"]
        },
        model=RentBenchmark,
        related=("municipality",),
    )
    indicators = _sync(
        report,
        "indicators",
        Indicator.objects.all(),
        key=lambda o: o.key,
        rows={r["key"]: dict(r) for r in rows["indicators"]},
        model=Indicator,
        delete_missing=False,
    )
    _sync(
        report,
        "prefecture_indicators",
        PrefectureIndicator.objects.filter(source__pack=pack),
        key=lambda o: (o.prefecture.code, o.indicator.key),
        rows={
            (r["prefecture_code"], r["indicator"]): {
                "prefecture": prefectures[r["prefecture_code"]],
                "indicator": indicators[r["indicator"]],
                "value": r["value"],
                "national_rank": r["national_rank"],
                "source": source_ids[r["source"]],
                "year": r["year"],
            }
            for r in rows["prefecture_indicators"]
        },
        model=PrefectureIndicator,
        related=("prefecture", "indicator"),
    )
    industries = _sync(
        report,
        "industries",
        Industry.objects.all(),
        key=lambda o: o.key,
        rows={r["key"]: {**r, "parent": None} for r in rows["industries"]},
        model=Industry,
        delete_missing=False,
        compare_exclude=("parent",),
    )
    _link_industry_parents(industries, rows["industries"])
    _sync(
        report,
        "industry_employment",
        IndustryEmployment.objects.filter(source__pack=pack),
        key=lambda o: (o.area_key, o.industry.key, o.year),
        rows={
            (r["area_key"], r["industry"], r["year"]): {
                "area_key": r["area_key"],
                "area_name": r["area_name"],
                "prefecture": prefectures[r["prefecture_code"]] if r["prefecture_code"] else None,
                "industry": industries[r["industry"]],
                "workers_thousands": r["workers_thousands"],
                "share_percent": r["share_percent"],
                "source": source_ids[r["source"]],
                "year": r["year"],
            }
            for r in rows["industry_employment"]
        },
        model=IndustryEmployment,
        related=("industry",),
    )
    _sync(
        report,
        "net_migration",
        NetMigration.objects.filter(source__pack=pack),
        key=lambda o: (o.prefecture.code, o.year, o.month),
        rows={
            (r["prefecture_code"], r["year"], r["month"]): {
                "prefecture": prefectures[r["prefecture_code"]],
                "year": r["year"],
                "month": r["month"],
                "net_migrants": r["net_migrants"],
                "source": source_ids[r["source"]],
            }
            for r in rows["net_migration"]
        },
        model=NetMigration,
        related=("prefecture",),
    )
    return report


def _link_gateways(
    report: LoadReport, municipalities: dict[str, Municipality], rows: Iterable[dict[str, Any]]
) -> None:
    """Point each place at its gateway once every place exists (a gateway is a place of the file)."""
    changed: dict[int, list[int]] = defaultdict(list)  # gateway → the places that now use it
    moved = 0
    for r in rows:
        place = municipalities[r["code"]]
        gateway = municipalities[r["gateway_code"]]
        if place.gateway_id != gateway.pk:
            moved += place.gateway_id is not None  # a new place is counted as created, not moved
            place.gateway = gateway
            changed[gateway.pk].append(place.pk)
    # One UPDATE per gateway (a pack has a handful), not bulk_update's CASE over every place.
    for gateway_pk, place_pks in changed.items():
        Municipality.objects.filter(pk__in=place_pks).update(gateway_id=gateway_pk)
    if moved:
        report.updated["gateways"] += moved


def _link_industry_parents(industries: dict[str, Industry], rows: Iterable[dict[str, Any]]) -> None:
    for r in rows:
        parent = industries[r["parent"]] if r["parent"] else None
        industry = industries[r["key"]]
        if industry.parent_id != (parent.pk if parent else None):
            industry.parent = parent
            industry.save(update_fields=["parent"])


def _sync(
    report: LoadReport,
    label: str,
    queryset: models.QuerySet,
    *,
    key: Callable[[Any], Any],
    rows: dict[Any, dict[str, Any]],
    model: type[models.Model],
    related: tuple[str, ...] = (),
    delete_missing: bool = True,
    compare_exclude: tuple[str, ...] = (),
) -> dict[Any, Any]:
    """Upsert ``rows`` (natural key → field values) against ``queryset``; return key → object."""
    existing = {key(obj): obj for obj in queryset.select_related(*related)}
    to_create, to_update, fields_changed = [], [], set()
    result: dict[Any, Any] = {}
    for natural_key, values in rows.items():
        obj = existing.get(natural_key)
        if obj is None:
            obj = model(**values)
            to_create.append(obj)
        else:
            changed = [
                name
                for name, value in values.items()
                if name not in compare_exclude and _value_of(obj, name) != _normalise(value)
            ]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                fields_changed.update(changed)
                to_update.append(obj)
            else:
                report.unchanged[label] += 1
        result[natural_key] = obj
    if to_create:
        model.objects.bulk_create(to_create)
        # bulk_create sets primary keys on PostgreSQL and SQLite (RETURNING); reload to be sure.
        if any(o.pk is None for o in to_create):
            reloaded = {key(o): o for o in queryset.select_related(*related)}
            result = {k: reloaded[k] for k in rows}
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields_changed))
    report.created[label] += len(to_create)
    report.updated[label] += len(to_update)
    if delete_missing:
        stale = [obj.pk for k, obj in existing.items() if k not in rows]
        if stale:
            model.objects.filter(pk__in=stale).delete()
            report.deleted[label] += len(stale)
    return result


def _value_of(obj: models.Model, name: str) -> Any:
    field_ = obj._meta.get_field(name)
    if field_.is_relation:
        return getattr(obj, field_.attname)
    return getattr(obj, name)


def _normalise(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value
