"""Tidy pandas tables (one row per observation) of indicators, anchors and effects.

Why tidy: one row per (scenario, replicate, month, zone, indicator) is what pandas, R and
spreadsheet users can filter and pivot without knowing the file's array layout.
Effects come from the file's `effects` group when it exists; otherwise they are computed here
from the indicators with the same paired Student-t method (column `source` says which).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from . import names as N
from .results import Results
from .stats import paired_effect, unpaired_effect

SOURCE_FILE = "results file (effects group)"
SOURCE_REPORT = "computed by cwb_analysis from the indicators"


def indicators_table(res: Results, zone: str | None = None) -> pd.DataFrame:
    """Every indicator as rows: scenario, replicate, month, zone, indicator, value, units."""
    ds = res[N.INDICATORS]
    if zone is not None:
        ds = ds.sel({N.ZONE: [zone]})
    frames = []
    for name, var in ds.data_vars.items():
        if N.REPLICATE not in var.dims:
            continue
        df = var.to_dataframe(name="value").reset_index()
        df["indicator"] = name
        df["units"] = var.attrs.get("units", "")
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def anchors_table(res: Results) -> pd.DataFrame:
    """Anchor indicators as rows: scenario, replicate, month, anchor, indicator, value, units."""
    ds = res[N.ANCHORS]
    frames = []
    for name, var in ds.data_vars.items():
        if N.REPLICATE not in var.dims:
            continue
        values = var.astype(float) / 100.0 if var.attrs.get("units") == "pence" else var
        df = values.to_dataframe(name="value").reset_index()
        df["indicator"] = name
        df["units"] = "GBP" if var.attrs.get("units") == "pence" else var.attrs.get("units", "")
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def employed_residents(res: Results) -> xr.DataArray:
    """Residents in work: employment rate x working-age residents (derived, not in the file)."""
    ds = res[N.INDICATORS]
    out = ds[N.EMPLOYMENT_RATE] * ds[N.WORKING_AGE]
    out.attrs = {"long_name": "employed residents", "units": "persons"}
    return out


def area_series(res: Results) -> dict[str, xr.DataArray]:
    """Area-wide (zone 'all') indicators over (scenario, replicate, month), plus the derived
    employed-residents count, keyed by name."""
    ds = res[N.INDICATORS]
    out = {k: v.sel({N.ZONE: N.ZONE_ALL}) for k, v in ds.data_vars.items()
           if N.ZONE in v.dims and N.REPLICATE in v.dims}
    out[N.EMPLOYED_RESIDENTS] = employed_residents(res).sel({N.ZONE: N.ZONE_ALL})
    return out


def _effect_frame(arr: xr.DataArray, baseline: str, extra_dims: tuple[str, ...] = ()) -> pd.DataFrame:
    """Paired and unpaired effects of every scenario against `baseline` for one array whose
    dims are (scenario, replicate, month, *extra_dims)."""
    base = arr.sel({N.SCENARIO: baseline}).values
    rows = []
    for s in arr[N.SCENARIO].values:
        x = arr.sel({N.SCENARIO: s}).values
        m, lo, hi = paired_effect(x, base, axis=0)
        _, ulo, uhi = unpaired_effect(x, base, axis=0)
        idx = pd.MultiIndex.from_product(
            [arr[N.MONTH].values] + [arr[d].values for d in extra_dims], names=[N.MONTH, *extra_dims])
        rows.append(pd.DataFrame({
            N.SCENARIO: str(s), N.EFFECT_MEAN: m.ravel(), N.EFFECT_CI_LOW: lo.ravel(),
            N.EFFECT_CI_HIGH: hi.ravel(), N.UNPAIRED_CI_LOW: ulo.ravel(),
            N.UNPAIRED_CI_HIGH: uhi.ravel()}, index=idx).reset_index())
    return pd.concat(rows, ignore_index=True)


def computed_effects(res: Results) -> pd.DataFrame:
    """Effects at zone 'all' for every area indicator (and employed residents), computed here."""
    frames = []
    for name, arr in area_series(res).items():
        arr = arr.transpose(N.SCENARIO, N.REPLICATE, N.MONTH)
        df = _effect_frame(arr, res.baseline)
        df[N.INDICATOR] = name
        df["units"] = arr.attrs.get("units", "")
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    out["source"] = SOURCE_REPORT
    return out[[N.SCENARIO, N.INDICATOR, N.MONTH, N.EFFECT_MEAN, N.EFFECT_CI_LOW, N.EFFECT_CI_HIGH,
                N.UNPAIRED_CI_LOW, N.UNPAIRED_CI_HIGH, "units", "source"]]


def file_effects(res: Results) -> pd.DataFrame | None:
    """The `effects` group's area effects as a tidy table, or None when the file has none."""
    ds = res.get(N.EFFECTS)
    if ds is None or N.EFFECT_MEAN not in ds:
        return None
    cols = [c for c in (N.EFFECT_MEAN, N.EFFECT_CI_LOW, N.EFFECT_CI_HIGH, N.UNPAIRED_CI_LOW,
                        N.UNPAIRED_CI_HIGH) if c in ds]
    df = ds[cols].to_dataframe().reset_index()
    units = {}
    if N.INDICATOR_UNITS in ds:
        units = {str(i): str(u) for i, u in zip(ds[N.INDICATOR].values, ds[N.INDICATOR_UNITS].values)}
    elif N.INDICATORS in res:
        units = {k: v.attrs.get("units", "") for k, v in res[N.INDICATORS].data_vars.items()}
    df["units"] = df[N.INDICATOR].map(lambda i: units.get(str(i), ""))
    df["source"] = SOURCE_FILE
    return df


def effects_table(res: Results) -> pd.DataFrame:
    """Area effects per (scenario, indicator, month) with paired and unpaired 95% CIs.

    From the file's `effects` group when present, plus the derived employed-residents count,
    which only the report computes; otherwise everything computed here.
    """
    computed = computed_effects(res)
    from_file = file_effects(res)
    if from_file is None:
        return computed
    extra = computed[~computed[N.INDICATOR].isin(from_file[N.INDICATOR].unique())]
    return pd.concat([from_file, extra], ignore_index=True)


def effects_at(effects: pd.DataFrame, month_index: int = -1) -> pd.DataFrame:
    """Rows of an effects table at one month (default: the horizon, the last month)."""
    months = np.sort(effects[N.MONTH].unique())
    return effects[effects[N.MONTH] == months[month_index]].reset_index(drop=True)


def zone_effects(res: Results, indicator: str, month_index: int = -1) -> pd.DataFrame:
    """Paired effects per ward (not 'all') at one month, for 'who gains'."""
    arr = (employed_residents(res) if indicator == N.EMPLOYED_RESIDENTS
           else res[N.INDICATORS][indicator])
    arr = arr.isel({N.MONTH: [month_index]}).transpose(N.SCENARIO, N.REPLICATE, N.MONTH, N.ZONE)
    df = _effect_frame(arr, res.baseline, (N.ZONE,))
    return df[df[N.ZONE] != N.ZONE_ALL].drop(columns=[N.MONTH]).reset_index(drop=True)


def anchor_effects(res: Results, indicator: str, month_index: int = -1) -> pd.DataFrame:
    """Paired effects per anchor at one month (LM3, local shares), for 'who gains'."""
    arr = res[N.ANCHORS][indicator].astype(float)
    arr = arr.isel({N.MONTH: [month_index]}).transpose(N.SCENARIO, N.REPLICATE, N.MONTH, N.ANCHOR)
    df = _effect_frame(arr, res.baseline, (N.ANCHOR,))
    return df.drop(columns=[N.MONTH]).reset_index(drop=True)


def estimates(ds: xr.Dataset, keys: tuple[str, ...]) -> pd.DataFrame:
    """Every `NAME[_mean]` with `NAME_ci_low`/`NAME_ci_high` siblings whose name contains one
    of `keys`, as rows (name, key, labels..., mean, ci_low, ci_high, units, long_name).

    Why by pattern: additionality and value-for-money variable names are being written by
    another part of the project; matching the `_ci_low`/`_ci_high` convention of issue 4
    finds them whatever their exact stem.
    """
    rows = []
    for name, var in ds.data_vars.items():  # issue 4's layout: one variable over (..., statistic)
        stats = [str(x) for x in ds[N.STATISTIC].values] if N.STATISTIC in var.dims else []
        if N.STAT_MEAN not in stats or N.STAT_CI_LOW not in stats:
            continue
        key = next((k for k in keys if k in str(name)), None)
        if key is None:
            continue
        pick = {k: var.sel({N.STATISTIC: k}, drop=True) for k in (N.STAT_MEAN, N.STAT_CI_LOW, N.STAT_CI_HIGH)}
        df = xr.Dataset({"mean": pick[N.STAT_MEAN], "ci_low": pick[N.STAT_CI_LOW],
                         "ci_high": pick[N.STAT_CI_HIGH]}).to_dataframe().reset_index()
        df.insert(0, "key", key)
        df.insert(0, "name", str(name))
        df["units"] = var.attrs.get("units", "")
        df["long_name"] = var.attrs.get("long_name", str(name))
        rows.append(df)
    for low in [v for v in ds.data_vars if str(v).endswith(N.CI_LOW_SUFFIX)]:
        stem = str(low)[: -len(N.CI_LOW_SUFFIX)]
        if stem.startswith("unpaired") or stem.endswith("unpaired"):
            continue
        high = stem + N.CI_HIGH_SUFFIX
        mean = stem + N.MEAN_SUFFIX if stem + N.MEAN_SUFFIX in ds else stem
        if high not in ds or mean not in ds:
            continue
        key = next((k for k in keys if k in stem), None)
        if key is None:
            continue
        m = ds[mean]
        df = xr.Dataset({"mean": m, "ci_low": ds[low], "ci_high": ds[high]}).to_dataframe().reset_index()
        df.insert(0, "key", key)
        df.insert(0, "name", stem)
        df["units"] = m.attrs.get("units", "")
        df["long_name"] = m.attrs.get("long_name", stem)
        rows.append(df)
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def find_estimates(res: Results, groups: tuple[str, ...], keys: tuple[str, ...]) -> pd.DataFrame:
    """`estimates` over the first of `groups` that has any."""
    for g in groups:
        if g in res:
            df = estimates(res[g], keys)
            if not df.empty:
                df.insert(0, "group", g)
                return df
    return pd.DataFrame()
