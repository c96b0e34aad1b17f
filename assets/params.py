"""Declared asset parameters and the validation of ``--set NAME=VALUE``."""
from __future__ import annotations

import difflib
import operator
from dataclasses import dataclass
from typing import Any

from assets.errors import AssetError

_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Param:
    """One knob of an asset: a typed value with a default, inclusive bounds or choices, and help."""

    name: str
    type: type
    default: Any
    bounds: tuple[float, float] | None = None
    help: str = ""
    choices: tuple[str, ...] | None = None
    symbol: str = ""  # how the lecture writes it (ε, b): titles of sweep variants show it

    def describe(self) -> str:
        """The allowed values in words, for help text and error messages."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.bounds:
            return f"{self.type.__name__} in [{self.bounds[0]:g}, {self.bounds[1]:g}]"
        return self.type.__name__

    def parse(self, text: str) -> Any:
        """Turn the text after ``NAME=`` into a checked value, or say in one line what is wrong."""
        return self.check(self.convert(text))

    def convert(self, text: str) -> Any:
        """The text as a value of the parameter's type, bounds unchecked."""
        try:
            if self.type is bool:
                lowered = text.strip().lower()
                if lowered not in _TRUE | _FALSE:
                    raise ValueError
                value = lowered in _TRUE
            else:
                value = self.type(text)
        except ValueError:
            raise AssetError(f"{self.name}={text!r} is not a valid {self.type.__name__}; "
                             f"expected {self.describe()}") from None
        return value

    def check(self, value: Any) -> Any:
        if self.choices and value not in self.choices:
            raise AssetError(f"{self.name}={value!r} is not allowed; expected {self.describe()}")
        if self.bounds and not self.bounds[0] <= value <= self.bounds[1]:
            raise AssetError(f"{self.name}={value:g} is out of bounds; expected {self.describe()}")
        return value


RELATIONS = {"<": operator.lt, "<=": operator.le, "!=": operator.ne}


@dataclass(frozen=True)
class Rule:
    """A relation two parameters of one asset must satisfy, ``left relation right`` (relation one
    of <, <=, !=), checked with the other parameters before anything is rendered.

    ``why`` says in a few words what breaks otherwise, e.g. ``Rule("b", "<=", "n",
    "a mini-batch holds at most n examples")``.
    """

    left: str
    relation: str
    right: str
    why: str

    def describe(self) -> str:
        return f"{self.left} {self.relation} {self.right} ({self.why})"

    def check(self, asset_id: str, values: dict[str, Any]) -> None:
        """Raise an AssetError naming both values when ``values`` break the rule."""
        left, right = values[self.left], values[self.right]
        if not RELATIONS[self.relation](left, right):
            raise AssetError(f"{asset_id}: {self.left}={left:g} and {self.right}={right:g} break "
                             f"{self.describe()}; change one of them with --set")


def did_you_mean(word: str, options) -> str:
    """A ' (did you mean X?)' suffix when ``word`` is close to one of ``options``."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def split_assignment(text: str, option: str = "--set",
                     form: str = "NAME=VALUE") -> tuple[str, str]:
    """``'lr=0.1'`` → ``('lr', '0.1')``, or a clear error naming ``option`` when there is no
    ``=``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise AssetError(f"{option} expects {form}, got {text!r}")
    return name.strip(), value.strip()
