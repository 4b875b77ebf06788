"""Which fares and rents a trip between two places uses: the gateway model (ADR 0018).

A region pack has fares and travel times between a few route places only (Tokyo's special wards
and the cities of the report's table). Every other place names a *gateway*: the route place
whose fares it uses (a town its prefecture's capital, a Tokyo-area place the reference, Tokyo
station). A trip between two places is the route between their gateways; what lies between a
gateway and the place itself is a leg the person may enter (:class:`~.types.Leg`), 0 and shown
as not included otherwise. A place without a benchmark rent of its own uses its gateway's.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .types import CostInputError, gettext_noop


@dataclass(frozen=True, slots=True)
class Place:
    """A place as the simulator sees it: its code, its gateway's code and its own rent, if any."""

    code: str
    gateway_code: str
    rent_yen: int | None = None

    @property
    def is_gateway(self) -> bool:
        return self.gateway_code == self.code


@dataclass(frozen=True, slots=True)
class Rent:
    """A benchmark rent and the place it belongs to (the gateway's when the place has none)."""

    yen: int
    code: str


@dataclass(frozen=True, slots=True)
class Trip:
    """Where a trip's figures come from: the route between the two gateways, and each end's rent."""

    origin: Place
    destination: Place
    #: The two gateways, as the routes are keyed (``route_key(a, b)``).
    route: frozenset[str]
    origin_rent: Rent | None
    destination_rent: Rent | None

    @property
    def origin_gateway(self) -> str:
        return self.origin.gateway_code

    @property
    def destination_gateway(self) -> str:
        return self.destination.gateway_code


class NoAccess(CostInputError):
    """No fare and travel time between the two gateways."""


def route_key(a: str, b: str) -> frozenset[str]:
    """Routes run both ways: one key for either direction."""
    return frozenset((a, b))


def rent_of(place: Place, places: Mapping[str, Place]) -> Rent | None:
    """The place's own benchmark rent, else its gateway's, else ``None``."""
    if place.rent_yen is not None:
        return Rent(place.rent_yen, place.code)
    gateway = places.get(place.gateway_code)
    if gateway is not None and gateway.rent_yen is not None:
        return Rent(gateway.rent_yen, gateway.code)
    return None


def plan_trip(
    origin_code: str,
    destination_code: str,
    *,
    places: Mapping[str, Place],
    routes: Collection[frozenset[str]],
) -> Trip:
    """The route and rents a trip uses. ``places`` must hold both places and their gateways;
    ``routes`` are the keys (:func:`route_key`) of the routes known."""
    ends = []
    for code, field in ((origin_code, "origin"), (destination_code, "destination")):
        place = places.get(code)
        if place is None:
            raise CostInputError(gettext_noop("地域 %(code)s のデータがありません。"), field=field, code=code)
        gateway = places.get(place.gateway_code)
        if gateway is None or not gateway.is_gateway:
            raise CostInputError(
                gettext_noop("地域 %(code)s の経由地 %(gateway)s のデータがありません。"),
                field=field,
                code=code,
                gateway=place.gateway_code,
            )
        ends.append(place)
    origin, destination = ends
    if origin.code == destination.code:
        raise CostInputError(
            gettext_noop("出発地と目的地が同じです。別の地域を選んでください。"), field="destination"
        )
    key = route_key(origin.gateway_code, destination.gateway_code)
    if origin.gateway_code == destination.gateway_code or key not in routes:
        raise NoAccess(
            gettext_noop("経由地 %(origin)s と %(destination)s の間の運賃・所要時間のデータがありません。"),
            field="destination",
            origin=origin.gateway_code,
            destination=destination.gateway_code,
        )
    return Trip(
        origin=origin,
        destination=destination,
        route=key,
        origin_rent=rent_of(origin, places),
        destination_rent=rent_of(destination, places),
    )
