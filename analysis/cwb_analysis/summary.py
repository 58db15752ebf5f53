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
    additionality: list[dict] = field(default_factory=list)  # per programme: steps at the horizon
    delivered: list[dict] = field(default_factory=list)      # per programme: outputs and cost


KEY_EFFECTS = [N.EMPLOYMENT_RATE, N.UNEMPLOYMENT_RATE, N.MEDIAN_INCOME, N.POVERTY_RATE,
               N.CLAIMANT_RATE, N.LOCAL_SPEND_SHARE, N.SOCIAL_ENTERPRISES, N.SE_JOBS, N.ENGAGEMENT]


def _estimate(at: pd.DataFrame, scenario: str, indicator: str) -> Estimate | None:
    row = at[(at[N.SCENARIO] == scenario) & (at[N.INDICATOR] == indicator)]
    if row.empty:
        return None
    r = row.iloc[0]
    return Estimate(indicator, float(r[N.EFFECT_MEAN]), float(r[N.EFFECT_CI_LOW]),
                    float(r[N.EFFECT_CI_HIGH]), str(r["source"]))


VALUE_LABELS = {
    N.SROI: ("social return on investment", "GBP of social value (HACT value of employment) per GBP 1 of programme cost, present values"),
    N.COST_PER_JOB: ("cost per net additional job", "present value of programme costs per extra resident in work at the end"),
    N.SOCIAL_VALUE_PV: ("social value of employment gained", "HACT wellbeing value of the extra person-months in work, present value"),
    "fiscal_effect_pv": ("fiscal effect", "change in government's net position (taxes up, benefits down), present value"),
    "net_local_income_pv": ("net local income of households", "extra disposable income of residents, present value"),
    N.PROGRAMME_COSTS: ("programme costs", "spent on the programmes over the run"),
    N.PROGRAMME_COSTS_PV: ("programme costs (present value)", "discounted at 3.5% a year (Green Book)"),
    N.NET_ADDITIONAL_JOBS: ("net additional residents in work", "at the end of the run"),
}

TOTAL_LABELS = {
    N.HEADLINE_GAIN: "residents in work gained at the end, at the baseline's population",
    N.EMPLOYED_GAIN: "residents in work gained at the end (count, including newcomers)",
    "employment_person_months_gain_at_baseline_population": "person-months of employment gained, at the baseline's population",
    "employment_person_months_gain": "person-months of employment gained (count, including newcomers)",
    "local_income_gain": "net local income of households gained",
    "local_income_gain_pv": "net local income of households gained (present value)",
}


def _why_missing(name: str, mean: float, low: float) -> str:
    """Why a value-for-money figure or its interval is absent (docs/comparison.md)."""
    if math.isnan(mean):
        if name == N.SROI:
            return "not stated: the scenario spends nothing on programmes"
        if name == N.COST_PER_JOB:
            return "not stated: no residents in work gained on average, so no cost per job"
        return "not estimable"
    if math.isnan(low):
        return "no bounded 95% CI: the denominator's own interval includes zero"
    return ""


def _row(name: str, r: pd.Series, group: str, labels: dict) -> dict:
    entry = labels.get(name, (str(r["long_name"]), ""))
    label, note = (entry, "") if isinstance(entry, str) else entry
    mean, low, high = float(r["mean"]), float(r["ci_low"]), float(r["ci_high"])
    return {"name": name, "label": label, "note": note, "mean": mean, "low": low, "high": high,
            "units": str(r["units"]), "source": f"results file (group {group}, {name})",
            "why": _why_missing(name, mean, low) if group == N.VALUE_FOR_MONEY else ""}


def _value_for_money(res: Results, scenario: str, headline: Estimate | None) -> tuple[list[dict], str]:
    """Value-for-money rows from the file's `value_for_money` group, in a funder's order;
    without that group, a clearly labelled fallback: the programme cost per extra resident
    in work, computed here from the programmes group's costs."""
    vt = T.value_table(res)
    if not vt.empty:
        sel = vt[vt[N.SCENARIO] == scenario]
        order = {k: i for i, k in enumerate(VALUE_LABELS)}
        sel = sel.assign(_o=sel["name"].map(lambda n: order.get(n, len(order)))).sort_values("_o", kind="stable")
        rows = [_row(str(r["name"]), r, N.VALUE_FOR_MONEY, VALUE_LABELS) for _, r in sel.iterrows()]
        by = {r["name"]: r for r in rows}
        cost, jobs = by.get(N.PROGRAMME_COSTS_PV), by.get(N.NET_ADDITIONAL_JOBS)
        per_job = by.get(N.COST_PER_JOB)
        if per_job is not None and math.isnan(per_job["mean"]):
            if cost is not None and not cost["mean"] > 0:
                per_job["why"] = "not stated: the scenario spends nothing on programmes"
            elif jobs is not None and jobs["mean"] > 0:
                per_job["why"] = "not estimable"
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
    rows = [{"name": N.PROGRAMME_COSTS, "label": "programme costs", "note": "mean over replicates",
             "mean": total, "low": float("nan"), "high": float("nan"), "units": "GBP",
             "source": T.SOURCE_REPORT + " (programmes group)", "why": ""}]
    if headline is not None and headline.mean > 0:
        per = total / headline.mean
        low = total / headline.high if headline.high > 0 else float("nan")
        high = total / headline.low if headline.low > 0 else float("nan")
        rows.append({"name": N.COST_PER_JOB, "label": "cost per extra resident in work at the end",
                     "note": "gross, undiscounted; not the file's value for money", "mean": per,
                     "low": low, "high": high, "units": "GBP", "source": T.SOURCE_REPORT, "why": ""})
    return rows, ""


def _totals(res: Results, scenario: str) -> list[dict]:
    """Cumulative effects over the horizon (person-months, local income) from the file."""
    tt = T.totals_table(res)
    if tt.empty:
        return []
    sel = tt[tt[N.SCENARIO] == scenario]
    order = {k: i for i, k in enumerate(TOTAL_LABELS)}
    sel = sel.assign(_o=sel["name"].map(lambda n: order.get(n, len(order)))).sort_values("_o", kind="stable")
    return [_row(str(r["name"]), r, N.EFFECTS, TOTAL_LABELS) for _, r in sel.iterrows()]


def _headline(res: Results, at: pd.DataFrame, scenario: str) -> Estimate | None:
    """Residents in work gained at the end, at the baseline's population: cwbsim's headline
    (the plain sentence of `cwbsim summary`), from the file when it has it."""
    tt = T.totals_table(res)
    if not tt.empty:
        row = tt[(tt["name"] == N.HEADLINE_GAIN) & (tt[N.SCENARIO] == scenario)]
        if not row.empty:
            r = row.iloc[0]
            return Estimate(N.EMPLOYED_RESIDENTS, float(r["mean"]), float(r["ci_low"]),
                            float(r["ci_high"]), f"results file (group effects, {N.HEADLINE_GAIN})")
    e = _estimate(at, scenario, N.EMPLOYED_AT_BASE_POP)
    if e is not None:
        e.name = N.EMPLOYED_RESIDENTS
    return e


def _additionality(res: Results, scenario: str) -> list[dict]:
    """Per programme the scenario runs (and 'all' when it runs several): participants and the
    decomposition at the horizon, {programme, participants, gross, deadweight, ...} with each
    an Estimate."""
    add = T.additionality_table(res)
    if add.empty:
        return []
    add = add[add[N.SCENARIO] == scenario]
    measure = next((m for m in N.ADDITIONALITY_MEASURES if m in set(add["measure"])),
                   add["measure"].iloc[0] if not add.empty else "")
    add = add[add["measure"] == measure]
    parts = T.participants_table(res)
    out = []
    for prog in T.additionality_programmes(add, scenario):
        sel = add[add[N.PROGRAMME] == prog]
        steps = {str(r["step"]): Estimate(str(r["name"]), float(r["mean"]), float(r["ci_low"]),
                                         float(r["ci_high"]), f"results file (group {r['group']}, {r['name']})")
                 for _, r in sel.iterrows()}
        row = {N.PROGRAMME: str(prog), "measure": measure, **steps}
        if not parts.empty:
            p = parts[(parts[N.SCENARIO] == scenario) & (parts[N.PROGRAMME] == str(prog))]
            if not p.empty:
                row["participants"] = Estimate(N.PARTICIPANTS_VAR, float(p["mean"].iloc[0]),
                                               float(p["ci_low"].iloc[0]), float(p["ci_high"].iloc[0]),
                                               "results file (group additionality, participants)")
        out.append(row)
    return out


def _delivered(res: Results, scenario: str) -> list[dict]:
    pt = T.programme_totals(res)
    if pt.empty:
        return []
    return [dict(r) for _, r in pt[pt[N.SCENARIO] == scenario].iterrows()]


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
        summary.headline = _headline(res, at, s)
        summary.effects = [e for e in (_estimate(at, s, i) for i in KEY_EFFECTS) if e is not None]
        summary.wards = wards[wards[N.SCENARIO] == s].sort_values(N.EFFECT_MEAN, ascending=False)
        if not lm3.empty:
            summary.anchors = lm3[lm3[N.SCENARIO] == s].sort_values(N.EFFECT_MEAN, ascending=False)
        summary.value, summary.value_missing = _value_for_money(res, s, summary.headline)
        summary.totals = _totals(res, s)
        summary.additionality = _additionality(res, s)
        summary.delivered = _delivered(res, s)
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
