"""Domain errors of the simulator: a Japanese message (``str(error)``) from a template and its
parameters, so that :func:`translated_message` can give it in the reader's language; ``field``
names the input at fault. The page, the API and the ``simulate`` command map them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from duallife.core.errors import DomainError
from duallife.engine.costs import CostInputError


class SimulatorError(DomainError):
    """A request the simulator cannot answer. ``str(error)`` is a Japanese message.

    ``template`` and ``params`` are the message's parts, for :func:`translated_message`.
    """

    def __init__(self, template: str, *, field: str | None = None, **params: object):
        message = template % params  # always formatted: a literal percent sign is written %%
        super().__init__(message, field=field)
        self.template = template
        self.params = params

    @classmethod
    def from_engine(cls, exc: CostInputError) -> SimulatorError:
        return cls(exc.template, field=exc.field, **exc.params)


def translated_message(exc: SimulatorError | CostInputError) -> str:
    """The message in the active language (the API and the command keep ``exc.message``)."""
    params = dict(exc.params)
    if isinstance(params.get("label"), str):
        params["label"] = _(params["label"])
    return _(exc.template) % params


class MalformedCode(SimulatorError):
    """Not a six-digit 全国地方公共団体コード with a correct check digit."""


class UnknownMunicipality(SimulatorError):
    """A well-formed code that no loaded region pack knows."""


class NoRegionData(UnknownMunicipality):
    """No region pack is loaded: not even the reference place (Tokyo) is known."""


class NoRouteData(SimulatorError):
    """No fare and travel time between the two places."""


class NoRentData(SimulatorError):
    """No benchmark rent for a place the scenario needs one for."""


class UnknownProgram(SimulatorError):
    """No support program of that identifier in that fiscal year."""


class InvalidInput(SimulatorError):
    """A number out of range, a bad mode, a subsidy that does not add up."""
