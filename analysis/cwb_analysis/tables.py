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


def employed_at_baseline_population(res: Results) -> xr.DataArray:
    """Employment rate x the baseline run's working-age population (same replicate and month),
    zone 'all': its paired effect is cwbsim's headline measure, residents in work gained at the
    baseline's population (a policy that brings newcomers is not credited with their jobs)."""
    ds = res[N.INDICATORS]
    rate = ds[N.EMPLOYMENT_RATE].sel({N.ZONE: N.ZONE_ALL})
    wap = ds[N.WORKING_AGE].sel({N.ZONE: N.ZONE_ALL, N.SCENARIO: res.baseline}, drop=True)
    out = rate * wap
    out.attrs = {"long_name": "employed residents at the baseline's population", "units": "persons"}
    return out


def area_series(res: Results) -> dict[str, xr.DataArray]:
    """Area-wide (zone 'all') indicators over (scenario, replicate, month), plus the derived
    employed-residents counts, keyed by name."""
    ds = res[N.INDICATORS]
    out = {k: v.sel({N.ZONE: N.ZONE_ALL}) for k, v in ds.data_vars.items()
           if N.ZONE in v.dims and N.REPLICATE in v.dims}
    out[N.EMPLOYED_RESIDENTS] = employed_residents(res).sel({N.ZONE: N.ZONE_ALL})
    out[N.EMPLOYED_AT_BASE_POP] = employed_at_baseline_population(res)
    return out


DERIVED = (N.EMPLOYED_RESIDENTS, N.EMPLOYED_AT_BASE_POP)  # never in the file's indicator axis


def _effect_frame(arr: xr.DataArray, baseline: str, extra_dims: tuple[str, ...] = ()) -> pd.DataFrame:
    """Paired and unpaired effects of every scenario against `baseline` for one array whose
    dims are (scenario, replicate, month, *extra_dims). The baseline's own rows are exactly
    zero, bounds included, as in the file."""
    base = arr.sel({N.SCENARIO: baseline}).values
    rows = []
    for s in arr[N.SCENARIO].values:
        x = arr.sel({N.SCENARIO: s}).values
        m, lo, hi = paired_effect(x, base, axis=0)
        _, ulo, uhi = unpaired_effect(x, base, axis=0)
        if str(s) == baseline:
            m, lo, hi, ulo, uhi = (np.zeros_like(m) for _ in range(5))
        idx = pd.MultiIndex.from_product(
            [arr[N.MONTH].values] + [arr[d].values for d in extra_dims], names=[N.MONTH, *extra_dims])
        rows.append(pd.DataFrame({
            N.SCENARIO: str(s), N.EFFECT_MEAN: m.ravel(), N.EFFECT_CI_LOW: lo.ravel(),
            N.EFFECT_CI_HIGH: hi.ravel(), N.UNPAIRED_CI_LOW: ulo.ravel(),
            N.UNPAIRED_CI_HIGH: uhi.ravel()}, index=idx).reset_index())
    return pd.concat(rows, ignore_index=True)


def computed_effects(res: Results, only: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Effects at zone 'all' for every area indicator (and the derived counts), computed here
    from the indicators; `only` limits them to those names."""
    frames = []
    for name, arr in area_series(res).items():
        if only is not None and name not in only:
            continue
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
    sub = ds[cols]
    # Only the area effects' own axes: the group also holds anchor and total variables over
    # other dimensions, which must not be broadcast into this table.
    sub = sub.drop_vars([c for c in sub.coords if c not in ds[N.EFFECT_MEAN].dims])
    df = sub.to_dataframe().reset_index()
    df[N.SCENARIO] = df[N.SCENARIO].astype(str)
    df[N.INDICATOR] = df[N.INDICATOR].astype(str)
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

    From the file's `effects` group when present (column `source` = SOURCE_FILE); only the
    derived counts of residents in work, which the file has at the horizon only (group
    `effects`, `employed_residents_gain_at_horizon` and `employment_gain_at_baseline_population`),
    are computed here month by month (source = SOURCE_REPORT). Without an `effects` group,
    everything is computed here with the same method.
    """
    from_file = file_effects(res)
    if from_file is None:
        return computed_effects(res)
    have = set(from_file[N.INDICATOR].unique())
    extra = computed_effects(res, only=tuple(n for n in area_series_names(res) if n not in have))
    return pd.concat([from_file, extra], ignore_index=True)


def area_series_names(res: Results) -> list[str]:
    ds = res[N.INDICATORS]
    return [k for k, v in ds.data_vars.items() if N.ZONE in v.dims and N.REPLICATE in v.dims] + list(DERIVED)


def effects_source(effects: pd.DataFrame) -> str:
    """SOURCE_FILE when the indicators' effects come from the file, else SOURCE_REPORT."""
    rows = effects[~effects[N.INDICATOR].isin(DERIVED)]
    return SOURCE_FILE if SOURCE_FILE in set(rows["source"]) else SOURCE_REPORT


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


def statistic_table(ds: xr.Dataset | None, dims: tuple[str, ...] = (N.SCENARIO,)) -> pd.DataFrame:
    """Every variable of `ds` laid out over (*dims, statistic), as rows
    (name, *dims, mean, ci_low, ci_high, units, long_name); empty when there are none.

    This is how cwbsim stores totals, value for money and additionality: one variable per
    quantity, its estimate and paired 95% CI along `statistic` (docs/comparison.md).
    """
    if ds is None or N.STATISTIC not in ds.dims:
        return pd.DataFrame()
    stats = [str(x) for x in ds[N.STATISTIC].values]
    if N.STAT_MEAN not in stats:
        return pd.DataFrame()
    frames = []
    for name, var in ds.data_vars.items():
        if set(var.dims) != set(dims) | {N.STATISTIC}:
            continue
        pick = {}
        for k, col in ((N.STAT_MEAN, "mean"), (N.STAT_CI_LOW, "ci_low"), (N.STAT_CI_HIGH, "ci_high")):
            pick[col] = (var.sel({N.STATISTIC: k}, drop=True).astype(float) if k in stats
                         else xr.full_like(var.isel({N.STATISTIC: 0}, drop=True), np.nan, dtype=float))
        df = xr.Dataset(pick).to_dataframe().reset_index()
        for d in dims:
            df[d] = df[d].astype(str)
        df.insert(0, "name", str(name))
        df["units"] = str(var.attrs.get("units", ""))
        df["long_name"] = str(var.attrs.get("long_name", name))
        frames.append(df[["name", *dims, "mean", "ci_low", "ci_high", "units", "long_name"]])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def totals_table(res: Results) -> pd.DataFrame:
    """Cumulative effects over the horizon per scenario (group `effects`, over scenario x
    statistic): residents in work gained, person-months, local income and its PV."""
    return statistic_table(res.get(N.EFFECTS))


def value_table(res: Results) -> pd.DataFrame:
    """Value for money per scenario (group `value_for_money`): SROI, cost per net additional
    job, present values of social value, fiscal effect, local income and programme costs."""
    return statistic_table(res.get(N.VALUE_FOR_MONEY))


def _words(name: str) -> list[str]:
    return [w for w in str(name).lower().split("_") if w]


def additionality_step(name: str) -> tuple[str, str] | None:
    """(step, measure) of an additionality variable name, or None when it is not a step.

    A step is one of gross, deadweight, displacement, leakage, net appearing as a whole word
    (so `net` never matches `nonparticipant` nor `network`); names holding a disqualifying word
    (`share`, `nonparticipant`) are ratios or diagnostics, not steps. The measure is what is
    left once the step and the estimate suffixes are removed (`at_horizon`, `person_months`,
    or '' for a name such as `gross_mean`).
    """
    words = _words(name)
    if any(x in words for x in ("share", "nonparticipant", "shares")) or any(
            w.startswith("nonparticipant") for w in words):
        return None
    steps = [w for w in words if w in N.ADDITIONALITY_STEPS]
    if len(steps) != 1:
        return None
    rest = [w for w in words if w != steps[0] and w not in ("additionality", "mean", "ci", "low", "high",
                                                             "outcome", "additional")]
    return steps[0], "_".join(rest)


def additionality_table(res: Results) -> pd.DataFrame:
    """Additionality per scenario and programme as rows (scenario, programme, step, measure,
    name, mean, ci_low, ci_high, units, long_name), from the `additionality` group.

    Variables over (scenario, programme, statistic) are matched by word (see
    `additionality_step`); variables in the older `NAME_mean`/`NAME_ci_low`/`NAME_ci_high`
    layout are read too. Empty when the file has no additionality.
    """
    for g in N.ADDITIONALITY_GROUPS:
        ds = res.get(g)
        if ds is None:
            continue
        dims = tuple(d for d in (N.SCENARIO, N.PROGRAMME) if d in ds.dims)
        df = statistic_table(ds, dims)
        if df.empty:
            df = estimates(ds, N.ADDITIONALITY_STEPS)
            if df.empty:
                continue
            df = df.drop(columns=["key"])
        if N.PROGRAMME not in df.columns:
            df[N.PROGRAMME] = N.PROGRAMME_ALL
        parsed = df["name"].map(additionality_step)
        df = df[parsed.notna()].copy()
        if df.empty:
            continue
        df["step"] = [p[0] for p in parsed[parsed.notna()]]
        df["measure"] = [p[1] for p in parsed[parsed.notna()]]
        df["group"] = g
        return df.reset_index(drop=True)
    return pd.DataFrame()


def participants_table(res: Results) -> pd.DataFrame:
    """Persons each programme enrolled or employed (additionality group, `participants`)."""
    ds = res.get(N.ADDITIONALITY)
    if ds is None or N.PARTICIPANTS_VAR not in ds:
        return pd.DataFrame()
    df = statistic_table(ds[[N.PARTICIPANTS_VAR]], (N.SCENARIO, N.PROGRAMME))
    return df


def programme_totals(res: Results) -> pd.DataFrame:
    """What each programme delivered over the run, mean over replicates, per scenario:
    the most participants in any month, completions and placements summed over months, and
    the cost in GBP (the file stores pence). Rows only for programmes with any activity."""
    ds = res.get(N.PROGRAMMES)
    if ds is None or ds.sizes.get(N.PROGRAMME, 0) == 0:
        return pd.DataFrame()
    out = {}
    if N.PARTICIPANTS in ds:
        out["participants_peak"] = ds[N.PARTICIPANTS].astype(float).max(N.MONTH).mean(N.REPLICATE)
    for v in (N.COMPLETIONS, N.PLACEMENTS):
        if v in ds:
            out[v] = ds[v].astype(float).sum(N.MONTH).mean(N.REPLICATE)
    if N.PROGRAMME_COST in ds:
        scale = 0.01 if ds[N.PROGRAMME_COST].attrs.get("units", "pence") == "pence" else 1.0
        out["cost_gbp"] = (ds[N.PROGRAMME_COST].astype(float) * scale).sum(N.MONTH).mean(N.REPLICATE)
    df = xr.Dataset(out).to_dataframe().reset_index()
    df[N.SCENARIO] = df[N.SCENARIO].astype(str)
    df[N.PROGRAMME] = df[N.PROGRAMME].astype(str)
    if N.PROGRAMME_TYPE in ds:
        types = {str(p): str(t) for p, t in zip(ds[N.PROGRAMME].values, ds[N.PROGRAMME_TYPE].values)}
        df["type"] = df[N.PROGRAMME].map(types)
    vals = [c for c in out]
    return df[(df[vals].abs().sum(axis=1) > 0)].reset_index(drop=True)


def additionality_programmes(add: pd.DataFrame, scenario: str) -> list[str]:
    """Which programmes of `scenario` to show from an additionality table: those whose
    participants have any outcome (gross or deadweight), plus 'all' when there are several;
    only 'all' when no programme has participants of its own (e.g. grants to enterprises or
    procurement, whose effect is on other residents' jobs: displacement is then split between
    the programmes equally, so per-programme rows would say nothing more). Programmes of other
    scenarios (NaN) are never shown."""
    sel = add[(add[N.SCENARIO] == scenario) & add["mean"].notna()]
    if sel.empty:
        return []
    progs = list(dict.fromkeys(sel[N.PROGRAMME]))
    named = [p for p in progs if p != N.PROGRAMME_ALL]
    own = [p for p in named if (sel[(sel[N.PROGRAMME] == p) & sel["step"].isin(("gross", "deadweight"))]
                                ["mean"].abs() > 0).any()]
    has_all = N.PROGRAMME_ALL in progs and (sel[sel[N.PROGRAMME] == N.PROGRAMME_ALL]["mean"].abs() > 0).any()
    if not own:
        if has_all:
            return [N.PROGRAMME_ALL]
        anything = [p for p in named if (sel[sel[N.PROGRAMME] == p]["mean"].abs() > 0).any()]
        return anything[:1] if len(anything) == 1 else []
    return own + ([N.PROGRAMME_ALL] if len(own) > 1 and has_all else [])
