"""A municipality's page (``/regions/m/<code>/``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from duallife.engine.places import is_valid_lg_code

from ..models import Municipality, Prefecture, RentBenchmark, Route, SupportProgram
from .figures import Citation, citations, published_programs, reference_municipality, routes_to_reference


@dataclass(frozen=True)
class MunicipalityPage:
    municipality: Municipality
    routes: list[Route]
    rent: RentBenchmark | None
    capital: Municipality | None
    capital_routes: list[Route]
    capital_rent: RentBenchmark | None
    reference: Municipality | None
    reference_rent: RentBenchmark | None
    own_programs: list[SupportProgram]
    prefecture_programs: list[SupportProgram]
    access_citations: list[Citation]

    @property
    def prefecture(self) -> Prefecture:
        return self.municipality.prefecture

    @property
    def has_data(self) -> bool:
        """Both access to Tokyo and a rent benchmark are known: enough for the simulator."""
        return bool(self.routes) and self.rent is not None

    @property
    def has_any_data(self) -> bool:
        return bool(self.routes) or self.rent is not None

    @property
    def shows_capital_reference(self) -> bool:
        return not self.has_data and self.capital is not None and self.capital.pk != self.municipality.pk


def municipality_page(code: str) -> MunicipalityPage | None:
    """A municipality of a prefecture covered by a loaded pack, or ``None`` for any other code."""
    if not is_valid_lg_code(code):
        return None
    municipality = (
        Municipality.objects.filter(code=code, role=Municipality.Role.PACK, prefecture__pack__isnull=False)
        .select_related("prefecture", "rent__source")
        .first()
    )
    if municipality is None:
        return None
    reference = reference_municipality()
    rent = getattr(municipality, "rent", None)
    capital = (
        municipality
        if municipality.is_capital
        else (
            Municipality.objects.filter(prefecture_id=municipality.prefecture_id, is_capital=True)
            .select_related("rent__source")
            .order_by("code")
            .first()
        )
    )
    routes = routes_to_reference({municipality.pk, *([capital.pk] if capital else [])}, reference)
    own_routes = routes.get(municipality.pk, [])
    capital_routes = routes.get(capital.pk, []) if capital else []
    capital_rent = getattr(capital, "rent", None) if capital else None
    reference_rent = getattr(reference, "rent", None) if reference else None

    programs = list(
        published_programs()
        .filter(Q(municipality=municipality) | Q(prefecture_id=municipality.prefecture_id, municipality=None))
        .order_by("category", "name")
    )
    shows_capital = not (own_routes and rent) and capital is not None and capital.pk != municipality.pk
    if shows_capital:
        cited = citations([*capital_routes, capital_rent, reference_rent])
    else:
        cited = citations([*own_routes, rent, reference_rent])
    return MunicipalityPage(
        municipality=municipality,
        routes=own_routes,
        rent=rent,
        capital=capital,
        capital_routes=capital_routes,
        capital_rent=capital_rent,
        reference=reference,
        reference_rent=reference_rent,
        own_programs=[p for p in programs if p.municipality_id == municipality.pk],
        prefecture_programs=[p for p in programs if p.municipality_id is None],
        access_citations=cited,
    )
