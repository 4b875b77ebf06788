"""The fare a trip is prefilled with: the region pack's round trip between the Tokyo reference and
the destination's gateway (its prefecture's capital unless it has routes of its own), fastest
route first — the same figure the simulator and the region pages use."""

from __future__ import annotations

from duallife.regions.models import Municipality
from duallife.regions.selectors.figures import reference_municipality, routes_to_reference


def pack_fares(destinations: list[Municipality]) -> dict[int, int]:
    """Destination id → the pack's round-trip fare in yen (missing when the pack has no route)."""
    reference = reference_municipality()
    gateways = {place.pk: place.gateway_id or place.pk for place in destinations}
    routes = routes_to_reference(set(gateways.values()), reference)
    return {
        place_id: routes[gateway][0].round_trip_fare_yen
        for place_id, gateway in gateways.items()
        if routes.get(gateway)
    }


def pack_fare(destination: Municipality) -> int:
    """The pack's round-trip fare to ``destination`` (0 when there is no route)."""
    return pack_fares([destination]).get(destination.pk, 0)
