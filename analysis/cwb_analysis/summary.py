"""The facts behind the report's first screen, as numbers (the HTML only formats them).

Why separate from the HTML: the test checks that every number a funder reads equals what the
results file says, and that is easiest when the facts exist as data before they become text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import names as N
from . import scenario_diff as D
from . import tables as T
from .results import Results, anchor_long_names, resolved_yaml, scenario_titles


@dataclass
class Estimate:
    """An effect (or other figure) with its 95% interval, in the indicator's own units."""
    name: str
    mean: float
    low: float
    high: float
    source: str = T.SOURCE_REPORT

    @property
    def clear(self) -> bool:
        """The interval excludes zero: the difference is unlikely to be chance alone."""
        return not (math.isnan(self.low) or math.isnan(self.high)) and (self.low > 0 or self.high < 0)


@dataclass
class ScenarioSummary:
    name: str
    title: str
    changes: list[str]
    programmes: list[dict]
    headline: Estimate | None = None               # residents in work at the horizon
    effects: list[Estimate] = field(default_factory=list)
    wards: pd.DataFrame = field(default_factory=pd.DataFrame)    # employed residents per ward
    anchors: pd.DataFrame = field(default_factory=pd.DataFrame)  # LM3 per anchor
    value: list[dict] = field(default_factory=list)  # value-for-money rows (label, mean, CI, units, source)
    value_missing: str = ""
    totals: list[dict] = field(default_factory=list)  # cumulative effects from the effects group


KEY_EFFECTS = [N.EMPLOYMENT_RATE, N.UNEMPLOYMENT_RATE, N.MEDIAN_INCOME, N.POVERTY_RATE,
               N.CLAIMANT_RATE, N.LOCAL_SPEND_SHARE, N.SOCIAL_ENTERPRISES, N.SE_JOBS, N.ENGAGEMENT]


def _estimate(at: pd.DataFrame, scenario: str, indicator: str) -> Estimate | None:
    row = at[(at[N.SCENARIO] == scenario) & (at[N.INDICATOR] == indicator)]
    if row.empty:
        return None
    r = row.iloc[0]
    return Estimate(indicator, float(r[N.EFFECT_MEAN]), float(r[N.EFFECT_CI_LOW]),
                    float(r[N.EFFECT_CI_HIGH]), str(r["source"]))


def _value_for_money(res: Results, scenario: str, headline: Estimate | None) -> tuple[list[dict], str]:
    """Value-for-money rows from the file (issue 4), else a clearly labelled fallback: the
    programme cost per extra resident in work, from the programmes group's costs."""
    est = T.find_estimates(res, N.VALUE_GROUPS, N.VALUE_KEYS)
    if not est.empty and N.SCENARIO in est.columns:
        sel = est[est[N.SCENARIO] == scenario]
        if N.MONTH in sel.columns:
            sel = sel[sel[N.MONTH] == sel[N.MONTH].max()]
        order = {k: i for i, k in enumerate(N.VALUE_KEYS)}
        sel = sel.assign(_o=sel["key"].map(order)).sort_values("_o", kind="stable")
        rows = []
        for _, r in sel.iterrows():
            label = str(r["long_name"])
            if N.PROGRAMME in sel.columns:
                label += f" ({r[N.PROGRAMME]})"
            rows.append({"label": label, "mean": float(r["mean"]), "low": float(r["ci_low"]),
                         "high": float(r["ci_high"]), "units": str(r["units"]),
                         "source": f"results file (group {r['group']}, {r['name']})"})
        if rows:
            return rows, ""
    ds = res.get(N.PROGRAMMES)
    if ds is None or N.PROGRAMME_COST not in ds or ds.sizes.get(N.PROGRAMME, 0) == 0:
        return [], ("no programme costs in this results file, so no value for money can be "
                    "stated (policy changes by anchors, such as buying locally, have no programme "
                    "cost in the model)")
    cost = ds[N.PROGRAMME_COST].sel({N.SCENARIO: scenario}).astype(float).sum((N.MONTH, N.PROGRAMME)) / 100.0
    total = float(cost.mean(N.REPLICATE))
    if total <= 0:
        return [], "this scenario's programmes cost nothing in the model"
    rows = [{"label": "programme cost over the run (mean over replicates)", "mean": total,
             "low": float("nan"), "high": float("nan"), "units": "GBP",
             "source": T.SOURCE_REPORT + " (programmes group)"}]
    if headline is not None and headline.mean > 0:
        per = total / headline.mean
        low = total / headline.high if headline.high > 0 else float("nan")
        high = total / headline.low if headline.low > 0 else float("nan")
        rows.append({"label": "cost per extra resident in work at the end (gross, not the HCA net)",
                     "mean": per, "low": low, "high": high, "units": "GBP",
                     "source": T.SOURCE_REPORT})
    return rows, ""


def _totals(res: Results, scenario: str) -> list[dict]:
    """Cumulative effects over the horizon (person-months, local income) from the file."""
    est = T.find_estimates(res, (N.EFFECTS,), N.CUMULATIVE_KEYS)
    if est.empty or N.SCENARIO not in est.columns:
        return []
    sel = est[est[N.SCENARIO] == scenario]
    return [{"label": str(r["long_name"]), "mean": float(r["mean"]), "low": float(r["ci_low"]),
             "high": float(r["ci_high"]), "units": str(r["units"]),
             "source": f"results file (group {r['group']}, {r['name']})"} for _, r in sel.iterrows()]


def build(res: Results, effects: pd.DataFrame | None = None) -> list[ScenarioSummary]:
    """One summary per non-baseline scenario (in study order)."""
    effects = T.effects_table(res) if effects is None else effects
    at = T.effects_at(effects)
    titles = scenario_titles(res)
    yamls = {k: D.parse(v) for k, v in resolved_yaml(res).items()}
    base_yaml = yamls.get(res.baseline, {})
    wards = T.zone_effects(res, N.EMPLOYED_RESIDENTS)
    lm3 = T.anchor_effects(res, N.LM3) if N.ANCHORS in res and N.LM3 in res[N.ANCHORS] else pd.DataFrame()
    longs = anchor_long_names(res)
    out = []
    for s in res.scenarios:
        if s == res.baseline:
            continue
        y = yamls.get(s, {})
        summary = ScenarioSummary(
            name=s, title=titles[s],
            changes=[D.describe(k, b, a, longs) for k, b, a in D.differences(base_yaml, y)
                     if not k.startswith("programmes")],
            programmes=D.programmes(y))
        summary.headline = _estimate(at, s, N.EMPLOYED_RESIDENTS)
        summary.effects = [e for e in (_estimate(at, s, i) for i in KEY_EFFECTS) if e is not None]
        summary.wards = wards[wards[N.SCENARIO] == s].sort_values(N.EFFECT_MEAN, ascending=False)
        if not lm3.empty:
            summary.anchors = lm3[lm3[N.SCENARIO] == s].sort_values(N.EFFECT_MEAN, ascending=False)
        summary.value, summary.value_missing = _value_for_money(res, s, summary.headline)
        summary.totals = _totals(res, s)
        out.append(summary)
    return out


def baseline_levels(res: Results) -> dict[str, tuple[float, float]]:
    """Area indicators at the first and last month, mean over the baseline's replicates."""
    out = {}
    for name, arr in T.area_series(res).items():
        x = arr.sel({N.SCENARIO: res.baseline}).mean(N.REPLICATE).values
        out[name] = (float(x[0]), float(x[-1]))
    return out


def horizon(res: Results) -> np.datetime64:
    return res[N.INDICATORS][N.MONTH].values[-1]
