"""Parameter sweeps: one asset rendered for several values of its parameters, side by side.

A sweep variant is the asset with some parameters fixed; its id names them after ``@`` in the
asset's parameter order, ``gd-vs-sgd@lr=0.1,batch_size=4``, each value in one canonical text
(``0.10`` and ``0.1`` are one variant). The id is a file stem, so it keeps to characters that
file names, URLs and LaTeX paths take as they are: letters, digits and ``@=,.+-_``.
"""
from __future__ import annotations

import itertools
import re
from typing import Any

from assets import catalogue
from assets.errors import AssetError
from assets.params import split_assignment

MARK, JOINER = "@", ","  # asset@name=value,name=value
MAX_VARIANTS = 64  # a request's sweeps together: more is a typo more often than a plan
MAX_ID = 160  # leaves room for -dark-4x3-sections under a 255-byte file name
SAFE_VALUE = re.compile(r"^[A-Za-z0-9.+_-]+$")

Variant = tuple[tuple[str, Any], ...]  # (name, value) pairs in the asset's parameter order


def canonical(value: Any) -> str:
    """The one text of a value in an id: shortest round-trip float, without a trailing ``.0``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value + 0.0)  # -0.0 + 0.0 is 0.0
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def variant_id(asset_id: str, variant: Variant) -> str:
    """``asset_id`` itself for the default, else ``asset_id@name=value,...``."""
    if not variant:
        return asset_id
    return asset_id + MARK + JOINER.join(f"{n}={canonical(v)}" for n, v in variant)


def label(asset, variant: Variant) -> str:
    """What a lecturer reads beside the title: ``ε = 0.1, b = 4`` (a parameter's symbol, else
    its name), each pair joined by no-break spaces so that a title wraps only between them."""
    return ", ".join(f"{asset.param(n).symbol or n}\u00a0=\u00a0{canonical(v)}"
                     for n, v in variant)


def title(asset, variant: Variant) -> str:
    """The asset's title, and for a variant its values: ``GD vs SGD — ε = 0.1``."""
    return f"{asset.title} — {label(asset, variant)}" if variant else asset.title


def _about(asset, variant: Variant, text: str) -> str:
    """An asset's text, which describes its defaults, said to be so for a variant."""
    if not variant:
        return text
    defaults = asset.defaults()
    at_defaults = label(asset, tuple((n, defaults[n]) for n, _ in variant))
    return f"{label(asset, variant)}. Written for the defaults ({at_defaults}): {text}"


def caption(asset, variant: Variant) -> str:
    """The caption of the asset or of one variant of it (``_about``)."""
    return _about(asset, variant, asset.caption)


def alt(asset, variant: Variant) -> str:
    """The alt text of the asset or of one variant of it (``_about``)."""
    return _about(asset, variant, asset.alt)


def parse_id(asset, text: str) -> Variant | None:
    """The variant that ``text`` (an id out of a manifest) names of ``asset``; None if it is not
    one of its variants (another asset, a parameter it no longer has, a value not canonical).
    Bounds are not checked: a variant rendered before they changed still shows."""
    head, mark, tail = text.partition(MARK)
    if head != asset.id or not mark:
        return None
    names = [p.name for p in asset.params]
    pairs = [pair.partition("=") for pair in tail.split(JOINER)]
    if not all(sep and name in names for name, sep, _ in pairs):
        return None
    try:
        variant = tuple(sorted(((n, asset.param(n).convert(v)) for n, _, v in pairs),
                               key=lambda pair: names.index(pair[0])))
    except AssetError:
        return None
    return variant if variant_id(asset.id, variant) == text else None


def order(asset, variant: Variant) -> tuple:
    """Sort key of an asset's variants: by parameter (in its order), then by value."""
    names = [p.name for p in asset.params]
    return tuple((names.index(n), v) for n, v in variant)


def held(asset, ids) -> list[Variant]:
    """The variants of ``asset`` among ``ids`` (manifest entries' ids), each once, by value."""
    found = {v for v in (parse_id(asset, i) for i in ids) if v}
    return sorted(found, key=lambda v: order(asset, v))


def _values(asset, name: str, text: str) -> list[Any]:
    """``V1,V2,...`` parsed and checked against the parameter's bounds or choices; a value
    given twice (also as ``0.10`` and ``0.1``) is refused."""
    param = asset.param(name)
    texts = [t.strip() for t in text.split(",")]
    if not all(texts):
        raise AssetError(f"--sweep {asset.id}.{name}={text}: expected values separated by "
                         "commas, e.g. 0.01,0.1,0.5")
    values, seen = [], {}
    for t in texts:
        try:
            value = param.parse(t)
        except AssetError as err:
            raise AssetError(f"--sweep {asset.id}.{name}: {err}") from None
        key = canonical(value)
        if key in seen:
            raise AssetError(f"--sweep {asset.id}.{name}: {seen[key]} and {t} are the same "
                             "value; give each value once")
        if not SAFE_VALUE.match(key):
            raise AssetError(f"--sweep {asset.id}.{name}={t}: a swept value must be letters, "
                             "digits, '.', '+', '_' or '-' (it is part of file names)")
        seen[key] = t
        values.append(value)
    return values


def split_sweeps(sweeps, assets) -> dict[str, dict[str, list[Any]]]:
    """``--sweep [ID.]NAME=V1,V2`` options → asset id → name → its values, checked. Without
    ``ID.`` a sweep needs exactly one requested asset."""
    found: dict[str, dict[str, list[Any]]] = {}
    by_id = {a.id: a for a in assets}
    for text in sweeps:
        target, text_values = split_assignment(text, "--sweep", "[ID.]NAME=V1,V2,...")
        asset_id, dot, name = target.rpartition(".")
        if not dot:
            if len(assets) != 1:
                raise _unnamed(text)
            asset_id = assets[0].id
        if asset_id not in by_id:
            catalogue.get(asset_id)  # unknown id: raises with a suggestion
            raise AssetError(f"--sweep {asset_id}.{name}: {asset_id} is not among the assets "
                             "requested")
        names = found.setdefault(asset_id, {})
        if name in names:
            raise AssetError(f"--sweep {asset_id}.{name} is given twice; list all its values "
                             "in one --sweep")
        names[name] = _values(by_id[asset_id], name, text_values)
    return found


def _unnamed(text: str) -> AssetError:
    return AssetError(f"--sweep {text}: say which asset, as ID.NAME=V1,V2,...")


def require_ids(sweeps) -> None:
    """Refuse a sweep without ``ID.``: a build has many assets, a parameter name is ambiguous."""
    for text in sweeps:
        if "." not in text.partition("=")[0]:
            raise _unnamed(text)


def combinations(asset, swept: dict[str, list[Any]]) -> list[Variant]:
    """Every combination of the swept values (their product), the names in the asset's
    parameter order and the values in the sweep's order."""
    names = [p.name for p in asset.params if p.name in swept]
    found = [tuple(zip(names, values)) for values in itertools.product(*(swept[n] for n in names))]
    longest = max((variant_id(asset.id, v) for v in found), key=len, default="")
    if len(longest) > MAX_ID:
        raise AssetError(f"{longest}: a variant id of {len(longest)} characters is too long for "
                         f"its file names (at most {MAX_ID}); sweep fewer parameters")
    return found


def named(asset, values: dict[str, Any], variant: Variant) -> Variant:
    """``variant`` with every other parameter that ``values`` (the ``--set`` values) move off
    the asset's default, in the asset's order: a variant's id and title say all that sets it
    apart, and a sweep with ``--set`` never takes the files of one without it."""
    swept, defaults = dict(variant), asset.defaults()
    return tuple((p.name, swept.get(p.name, values[p.name])) for p in asset.params
                 if p.name in swept or values[p.name] != defaults[p.name])


def checked_count(count: int) -> None:
    """Refuse a request of more than ``MAX_VARIANTS`` variants, before any renders."""
    if count > MAX_VARIANTS:
        raise AssetError(f"the sweeps ask for {count} variants; at most {MAX_VARIANTS} in one "
                         "request: sweep fewer values or split it into several builds")
