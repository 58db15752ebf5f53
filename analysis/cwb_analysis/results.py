"""Open a cwbsim results file as labelled xarray Datasets, one per group.

Why a dict of Datasets: every group of the file is self-contained (its own coordinates), so
each opens on its own with `xr.open_dataset(..., group=g)`; a dict keeps groups that appear in
newer files (effects, value_for_money, programmes, additionality) without this code having to
know them in advance.

Groups are never merged: the same dimension name means different things in different groups
(`programme` is the study's programmes in `programmes`, possibly of length 0, and those plus
`all` in `additionality`; `month` has its own coordinate in each group), so a merged Dataset
would either fail ("Unable to update size for existing dimension 'programme'") or silently
align unrelated axes. Read a group as `res["programmes"]`, never `xr.merge(res.values())`.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import xarray as xr

from . import names as N


class Results(dict):
    """`{group name: xr.Dataset}` plus the file's root attributes (provenance) and path."""

    def __init__(self, path: Path, groups: dict[str, xr.Dataset], attrs: dict[str, Any]):
        super().__init__(groups)
        self.path = path
        self.attrs = attrs

    @property
    def baseline(self) -> str:
        """The baseline scenario's name: the root attribute, else the first scenario."""
        name = self.attrs.get(N.BASELINE_ATTR)
        if name:
            return str(name)
        return str(self[N.INDICATORS][N.SCENARIO].values[0])

    @property
    def scenarios(self) -> list[str]:
        return [str(s) for s in self[N.INDICATORS][N.SCENARIO].values]

    def has(self, group: str) -> bool:
        return group in self


def _plain(value: Any) -> Any:
    """Root attributes as plain Python values (h5py gives numpy scalars and bytes)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.generic):
        return value.item()
    return value


def group_names(path: str | Path) -> list[str]:
    """The groups directly below the root, in file (creation) order when tracked."""
    with h5py.File(path, "r") as f:
        return [k for k, v in f.items() if isinstance(v, h5py.Group)]


def load(path: str | Path, groups: list[str] | None = None) -> Results:
    """Read every group (or only `groups`) into memory and return them with the provenance.

    The data are loaded eagerly and the file closed, so a report or a notebook never holds
    the file open (cwbsim replaces results files atomically, which an open handle would keep
    alive on some systems).
    """
    path = Path(path)
    with h5py.File(path, "r") as f:
        attrs = {k: _plain(v) for k, v in f.attrs.items() if not k.startswith("_")}
    out: dict[str, xr.Dataset] = {}
    for g in groups if groups is not None else group_names(path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # h5netcdf notes about dimension scales are noise here
            try:
                with xr.open_dataset(path, engine="h5netcdf", group=g) as ds:
                    out[g] = ds.load()
            except (OSError, ValueError, KeyError) as exc:
                raise ValueError(f"{path}: cannot read group '{g}': {exc}") from exc
    if N.INDICATORS not in out:
        raise ValueError(f"{path}: no '{N.INDICATORS}' group; is this a cwbsim results file?")
    return Results(path, out, attrs)


def resolved_yaml(res: Results) -> dict[str, str]:
    """Resolved scenario YAML text by scenario name ('' when the file has none)."""
    if N.SCENARIOS not in res or N.RESOLVED_YAML not in res[N.SCENARIOS]:
        return {s: "" for s in res.scenarios}
    ds = res[N.SCENARIOS]
    return {str(s): str(t) for s, t in zip(ds[N.SCENARIO].values, ds[N.RESOLVED_YAML].values)}


def scenario_titles(res: Results) -> dict[str, str]:
    """Scenario titles by name; the name itself when a title is missing or empty."""
    titles = {s: s for s in res.scenarios}
    if N.SCENARIOS in res and N.TITLE in res[N.SCENARIOS]:
        ds = res[N.SCENARIOS]
        for s, t in zip(ds[N.SCENARIO].values, ds[N.TITLE].values):
            if str(t).strip():
                titles[str(s)] = str(t)
    return titles


def anchor_long_names(res: Results) -> dict[str, str]:
    """Anchor id -> full name (the id when the file has no long names)."""
    ds = res.get(N.ANCHORS)
    if ds is None:
        return {}
    if N.ANCHOR_LONG_NAME not in ds:
        return {str(a): str(a) for a in ds[N.ANCHOR].values}
    return {str(a): str(n) for a, n in zip(ds[N.ANCHOR].values, ds[N.ANCHOR_LONG_NAME].values)}
