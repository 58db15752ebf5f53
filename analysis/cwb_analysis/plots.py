"""The report's charts, as matplotlib figures (Agg backend: no display needed).

Why these charts: each answers one question a planner or funder asks. Trajectories: what
happens over time, and how much is chance (5-95% band over replicates)? Effect bars: how big
is the difference, and how sure are we (95% CI)? Additionality: how much of the gross outcome
is really new? Money flows: where does each pound go, and how much leaves the area? LM3: how
much local spending does an anchor's pound generate? Programme outputs: what did the money buy?
Every function returns a Figure, or None with a reason when its data are absent.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import names as N  # noqa: E402
from . import style as S  # noqa: E402
from . import tables as T  # noqa: E402
from .results import Results  # noqa: E402

plt.rcParams.update({
    "font.size": 11, "axes.titlesize": 12, "axes.labelsize": 10.5, "legend.fontsize": 10,
    "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "none",
    "figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3,
})

TRAJECTORY_INDICATORS = [N.EMPLOYED_RESIDENTS, N.UNEMPLOYMENT_RATE, N.MEDIAN_INCOME,
                         N.POVERTY_RATE, N.LOCAL_SPEND_SHARE, N.SE_JOBS]
EFFECT_INDICATORS = [N.EMPLOYED_RESIDENTS, N.EMPLOYMENT_RATE, N.UNEMPLOYMENT_RATE,
                     N.MEDIAN_INCOME, N.POVERTY_RATE, N.SE_JOBS]


@dataclass
class Chart:
    """A figure (or the reason there is none) with the words the report puts around it."""
    key: str
    title: str
    caption: str
    figure: "plt.Figure | None" = None
    missing: str = ""


def _date_axis(ax: "plt.Axes") -> None:
    """Year ticks (with quarters for short runs): month-by-month labels are unreadable."""
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))


def _readable_range(ax: "plt.Axes", min_span: float = 0.02) -> None:
    """No offset notation, and at least +-1% of the level on the y axis, so noise in the
    tenth decimal does not look like a trend."""
    ax.ticklabel_format(axis="y", useOffset=False, style="plain")
    lo, hi = ax.get_ylim()
    centre, span = (lo + hi) / 2, hi - lo
    need = abs(centre) * min_span
    if span < need:
        ax.set_ylim(centre - need / 2, centre + need / 2)


def trajectories(res: Results) -> Chart:
    """Median and 5-95% band over replicates per scenario, baseline in black in every panel."""
    chart = Chart("trajectories", "How the area changes over time",
                  "Each line is the median over the replicates (runs with different random "
                  "events); the shaded band holds 90% of them (5th to 95th percentile). The "
                  "baseline, with no new policy, is black.")
    series = T.area_series(res)
    names = [n for n in TRAJECTORY_INDICATORS if n in series]
    if N.ENGAGEMENT in series:
        names.append(N.ENGAGEMENT)
    colours = S.scenario_colours(res.scenarios, res.baseline)
    ncol = 3
    nrow = -(-len(names) // ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(13, 3.6 * nrow), squeeze=False)
    order = [res.baseline] + [s for s in res.scenarios if s != res.baseline]
    for ax, name in zip(axes.flat, names):
        arr = series[name].transpose(N.SCENARIO, N.REPLICATE, N.MONTH)
        scale = S.level_scale(name)
        months = arr[N.MONTH].values
        for s in order:
            x = arr.sel({N.SCENARIO: s}).values * scale
            lo, med, hi = np.quantile(x, [0.05, 0.5, 0.95], axis=0)
            ax.fill_between(months, lo, hi, color=colours[s], alpha=0.15, linewidth=0)
            ax.plot(months, med, color=colours[s], lw=2 if s == res.baseline else 2.2,
                    ls="--" if s == res.baseline else "-", label=s)
        m = S.measure(name)
        ax.set_title(m.label[0].upper() + m.label[1:])
        ax.set_ylabel(m.unit)
        _date_axis(ax)
        _readable_range(ax)
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=min(len(labels), 4), frameon=False,
               bbox_to_anchor=(0.5, 1.0))
    fig.supxlabel("month")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    chart.figure = fig
    return chart


def effects_at_horizon(res: Results, effects: pd.DataFrame) -> Chart:
    """One small panel per indicator: each scenario's effect at the horizon with its paired
    95% CI (thick) and the unpaired CI (thin grey), zero marked."""
    chart = Chart("effects", "Effect of each scenario at the end of the run",
                  "Difference from the baseline in the last simulated month, averaged over "
                  "replicates. The black bar is the 95% confidence interval from comparing each "
                  "replicate with its twin baseline run; the thin grey bar is the wider interval "
                  "one would get without that pairing. An interval that crosses zero means the "
                  "scenario may make no difference.")
    others = [s for s in res.scenarios if s != res.baseline]
    if not others:
        chart.missing = "the results file holds only the baseline, so there is nothing to compare"
        return chart
    at = T.effects_at(effects)
    names = [n for n in EFFECT_INDICATORS if n in set(at[N.INDICATOR])]
    colours = S.scenario_colours(res.scenarios, res.baseline)
    ncol = 3
    nrow = -(-len(names) // ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(13, 0.6 + nrow * (1.3 + 0.6 * len(others))),
                             squeeze=False)
    for ax, name in zip(axes.flat, names):
        rows = at[at[N.INDICATOR] == name].set_index(N.SCENARIO)
        scale = S.level_scale(name)
        y = np.arange(len(others))[::-1]
        for yi, s in zip(y, others):
            r = rows.loc[s]
            v = r[N.EFFECT_MEAN] * scale
            ax.barh(yi, v, color=colours[s], height=0.6)
            if N.UNPAIRED_CI_LOW in r and not np.isnan(r[N.UNPAIRED_CI_LOW]):
                ax.plot([r[N.UNPAIRED_CI_LOW] * scale, r[N.UNPAIRED_CI_HIGH] * scale], [yi - 0.22] * 2,
                        color=S.GREY, lw=1.2)
            if not np.isnan(r[N.EFFECT_CI_LOW]):
                ax.errorbar(v, yi, xerr=[[v - r[N.EFFECT_CI_LOW] * scale], [r[N.EFFECT_CI_HIGH] * scale - v]],
                            color="black", capsize=4, lw=2)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, others)
        ax.set_title(S.measure(name).label[0].upper() + S.measure(name).label[1:])
        ax.set_xlabel("change, " + S.effect_unit(name))
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    fig.tight_layout()
    chart.figure = fig
    return chart


def effect_over_time(res: Results, effects: pd.DataFrame, indicator: str = N.EMPLOYED_RESIDENTS) -> Chart:
    """The headline effect month by month with its paired 95% CI band."""
    m = S.measure(indicator)
    chart = Chart("effect_over_time", f"When the difference appears: {m.label}",
                  f"Difference from the baseline in {m.label}, month by month, with its 95% "
                  "confidence interval (shaded).")
    others = [s for s in res.scenarios if s != res.baseline]
    if not others:
        chart.missing = "the results file holds only the baseline, so there is nothing to compare"
        return chart
    colours = S.scenario_colours(res.scenarios, res.baseline)
    fig, ax = plt.subplots(figsize=(10, 4.2))
    scale = S.level_scale(indicator)
    for s in others:
        d = effects[(effects[N.INDICATOR] == indicator) & (effects[N.SCENARIO] == s)].sort_values(N.MONTH)
        ax.fill_between(d[N.MONTH], d[N.EFFECT_CI_LOW] * scale, d[N.EFFECT_CI_HIGH] * scale,
                        color=colours[s], alpha=0.2, linewidth=0)
        ax.plot(d[N.MONTH], d[N.EFFECT_MEAN] * scale, color=colours[s], lw=2.2, label=s)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylabel(f"change, {S.effect_unit(indicator)}")
    ax.set_xlabel("month")
    _date_axis(ax)
    ax.legend(frameon=False)
    fig.tight_layout()
    chart.figure = fig
    return chart


def additionality_waterfall(res: Results) -> Chart:
    """Gross -> minus deadweight -> minus displacement -> minus leakage -> net, per programme
    and scenario, from the effects (or additionality) group."""
    chart = Chart("additionality", "How much of the outcome is really additional",
                  "Starting from the gross outcome (e.g. participants placed in jobs), the model "
                  "subtracts deadweight (those who would have found work anyway, seen in the "
                  "baseline run), displacement (jobs lost by others) and leakage (jobs taken by "
                  "people from outside the area) to reach the net additional outcome. Error bars "
                  "are 95% confidence intervals.")
    est = T.find_estimates(res, N.ADDITIONALITY_GROUPS, N.ADDITIONALITY_STEPS)
    if est.empty:
        chart.missing = ("this results file has no additionality figures (they are written by "
                         "cwbsim's scenario comparison for scenarios with programmes)")
        return chart
    label_dims = [c for c in est.columns if c in (N.SCENARIO, N.PROGRAMME)]
    if N.MONTH in est.columns:  # keep the horizon only
        est = est[est[N.MONTH] == est[N.MONTH].max()]
    keys = [tuple(k) if isinstance(k, tuple) else (k,) for k in
            est.groupby(label_dims).groups] if label_dims else [()]
    keys = [k for k in keys if not (N.SCENARIO in label_dims and k[label_dims.index(N.SCENARIO)] == res.baseline)]
    if not keys:
        chart.missing = "the additionality figures hold only the baseline"
        return chart
    fig, axes = plt.subplots(len(keys), 1, figsize=(9, 3.4 * len(keys)), squeeze=False)
    steps = list(N.ADDITIONALITY_STEPS)
    for ax, k in zip(axes.flat, keys):
        sel = est
        for d, v in zip(label_dims, k):
            sel = sel[sel[d] == v]
        vals = {}
        for step in steps:
            row = sel[sel["key"] == step]
            if not row.empty:
                vals[step] = row.iloc[0]
        running = 0.0
        for i, step in enumerate(steps):
            if step not in vals:
                continue
            r = vals[step]
            v = float(r["mean"])
            if step in ("gross", "net"):
                bottom, height, colour = 0.0, v, (S.OKABE_ITO[3] if step == "gross" else S.OKABE_ITO[2])
                running = v
            else:  # a deduction: drawn downwards from the running total
                bottom, height, colour = running - abs(v), abs(v), S.OKABE_ITO[4]
                running -= abs(v)
            ax.bar(i, height, bottom=bottom, color=colour, width=0.6)
            top = bottom + height
            lo, hi = float(r["ci_low"]), float(r["ci_high"])
            if not (np.isnan(lo) or np.isnan(hi)):
                centre = top if step in ("gross", "net") else bottom + height / 2
                ax.errorbar(i, centre, yerr=[[max(0.0, abs(v) - min(abs(lo), abs(hi)))],
                                             [max(0.0, max(abs(lo), abs(hi)) - abs(v))]],
                            color="black", capsize=4)
            ax.annotate(f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.2f}", (i, top), ha="center",
                        va="bottom", fontsize=10, xytext=(0, 3), textcoords="offset points")
        ax.set_xticks(range(len(steps)), ["gross", "- deadweight", "- displacement", "- leakage", "= net"])
        unit = str(next(iter(vals.values()))["units"]) if vals else ""
        ax.set_ylabel(unit or "outcome")
        ax.set_title(" / ".join(str(v) for v in k))
    fig.tight_layout()
    chart.figure = fig
    return chart


def _sam_mean(res: Results, scenario: str, months: int = 12) -> pd.DataFrame:
    """Mean monthly flows (GBP) payer x payee over the last `months` months and replicates."""
    sam = res[N.ACCOUNTS][N.SAM].sel({N.SCENARIO: scenario})
    sam = sam.isel({N.MONTH: slice(-months, None)}).astype(float) / 100.0
    return sam.mean((N.REPLICATE, N.MONTH)).to_pandas()


def money_flows(res: Results) -> Chart:
    """Left: the baseline's average monthly flows between sectors (a SAM heatmap). Right: of
    each pound a sector pays out, the pence that leave the area, per scenario."""
    chart = Chart("money_flows", "Where the money goes",
                  "Left: average monthly payments between the sectors of the local economy in the "
                  "baseline's last year (GBP million per month; rows pay columns). Right: of each "
                  "GBP 1 a local sector pays out, how many pence go to the rest of the world "
                  "(outside the area), per scenario.")
    if N.ACCOUNTS not in res or N.SAM not in res[N.ACCOUNTS]:
        chart.missing = "the results file has no social accounting matrix (group accounts)"
        return chart
    base = _sam_mean(res, res.baseline)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 5.6), gridspec_kw={"width_ratios": [1.15, 1]})
    data = base.values / 1e6
    im = ax1.imshow(data, cmap="Blues")
    ax1.set_xticks(range(len(base.columns)), [c.replace("_", " ") for c in base.columns], rotation=35, ha="right")
    ax1.set_yticks(range(len(base.index)), [c.replace("_", " ") for c in base.index])
    ax1.set_xlabel("paid to")
    ax1.set_ylabel("paid by")
    ax1.grid(False)
    vmax = data.max() if data.size else 1
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            if data[i, j] >= 0.05:
                ax1.text(j, i, f"{data[i, j]:.1f}", ha="center", va="center", fontsize=8.5,
                         color="white" if data[i, j] > vmax * 0.5 else "black")
    fig.colorbar(im, ax=ax1, fraction=0.046, pad=0.04, label="GBP million per month")
    ax1.set_title("Baseline: who pays whom (last 12 months)")
    payers = [p for p in base.index if p not in (N.REST_OF_WORLD, N.GOVERNMENT)
              and any(_sam_mean(res, s).loc[p].sum() > 0 for s in res.scenarios)]
    colours = S.scenario_colours(res.scenarios, res.baseline)
    width = 0.8 / len(res.scenarios)
    for i, s in enumerate(res.scenarios):
        m = _sam_mean(res, s)
        out = m.loc[payers].sum(axis=1)
        leak = np.where(out > 0, m.loc[payers, N.REST_OF_WORLD] / out.replace(0, np.nan) * 100, np.nan)
        ax2.bar(np.arange(len(payers)) + (i - (len(res.scenarios) - 1) / 2) * width, leak,
                width=width, color=S.bar_colour(colours[s]), label=s)
    ax2.set_xticks(range(len(payers)), [p.replace("_", " ") for p in payers], rotation=20)
    ax2.set_ylabel("pence of each GBP 1 paid out that leave the area")
    ax2.set_ylim(0, 100)
    ax2.set_title("Leakage: share of spending leaving the area")
    ax2.legend(frameon=False)
    fig.tight_layout()
    chart.figure = fig
    return chart


def lm3_by_anchor(res: Results) -> Chart:
    """LM3 per anchor at the horizon, one bar per scenario, 5-95% range over replicates."""
    chart = Chart("lm3", "Local Multiplier 3 of each anchor institution",
                  "LM3 (New Economics Foundation): how many pounds of local spending each GBP 1 "
                  "of an anchor's spending generates over three rounds, in the last simulated "
                  "month. 1.0 would mean nothing stays local. Bars: mean over replicates; lines: "
                  "5th to 95th percentile.")
    if N.ANCHORS not in res or N.LM3 not in res[N.ANCHORS]:
        chart.missing = "the results file has no anchor LM3"
        return chart
    lm3 = res[N.ANCHORS][N.LM3].isel({N.MONTH: -1})
    anchors = [str(a) for a in lm3[N.ANCHOR].values]
    colours = S.scenario_colours(res.scenarios, res.baseline)
    fig, ax = plt.subplots(figsize=(11, 4.6))
    width = 0.8 / len(res.scenarios)
    for i, s in enumerate(res.scenarios):
        x = lm3.sel({N.SCENARIO: s}).transpose(N.REPLICATE, N.ANCHOR).values
        mean = x.mean(axis=0)
        lo, hi = np.quantile(x, [0.05, 0.95], axis=0)
        pos = np.arange(len(anchors)) + (i - (len(res.scenarios) - 1) / 2) * width
        ax.bar(pos, mean, width=width, color=S.bar_colour(colours[s]), label=s)
        ax.errorbar(pos, mean, yerr=[mean - lo, hi - mean], fmt="none", color="black", capsize=3)
    ax.set_xticks(range(len(anchors)), [a.replace("_", " ") for a in anchors])
    ax.set_ylabel("LM3 (GBP local spending per GBP 1)")
    ax.set_ylim(1.0, None)
    ax.legend(frameon=False)
    fig.tight_layout()
    chart.figure = fig
    return chart


def programme_outputs(res: Results) -> Chart:
    """Participants, completions and placements per programme per month, and cumulative cost."""
    chart = Chart("programmes", "What the programmes delivered",
                  "Participants, completions and job placements each month per programme "
                  "(median over replicates), and the cumulative cost.")
    ds = res.get(N.PROGRAMMES)
    if ds is None:
        chart.missing = ("this results file has no programmes group (written by cwbsim versions "
                         "that run programmes)")
        return chart
    if ds.sizes.get(N.PROGRAMME, 0) == 0:
        chart.missing = "no scenario in this study runs a programme"
        return chart
    outputs = [v for v in N.PROGRAMME_OUTPUTS if v in ds]
    panels = outputs + ([N.PROGRAMME_COST] if N.PROGRAMME_COST in ds else [])
    fig, axes = plt.subplots(1, len(panels), figsize=(4.4 * len(panels), 4), squeeze=False)
    progs = [str(p) for p in ds[N.PROGRAMME].values]
    styles = ["-", "--", ":", "-."]
    colours = S.scenario_colours(res.scenarios, res.baseline)
    for ax, var in zip(axes.flat, panels):
        arr = ds[var].astype(float)
        if var == N.PROGRAMME_COST:
            arr = arr.cumsum(N.MONTH) / 100.0 / 1e6
        for s in [x for x in res.scenarios if x != res.baseline]:
            for j, p in enumerate(progs):
                y = arr.sel({N.SCENARIO: s, N.PROGRAMME: p}).median(N.REPLICATE)
                if float(np.abs(y).sum()) == 0:
                    continue
                ax.plot(y[N.MONTH].values, y.values, color=colours[s], ls=styles[j % 4], lw=2,
                        label=f"{s}: {p}")
        ax.set_title({N.PROGRAMME_COST: "cumulative cost"}.get(var, var))
        ax.set_ylabel("GBP million" if var == N.PROGRAMME_COST else "people per month")
        _date_axis(ax)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="lower center", ncol=min(3, len(labels)), frameon=False)
        fig.tight_layout(rect=(0, 0.12, 1, 1))
    else:
        fig.tight_layout()
    chart.figure = fig
    return chart


def all_charts(res: Results, effects: pd.DataFrame | None = None) -> list[Chart]:
    """Every chart in report order (absent data give a Chart with `missing` set)."""
    effects = T.effects_table(res) if effects is None else effects
    return [trajectories(res), effects_at_horizon(res, effects), effect_over_time(res, effects),
            additionality_waterfall(res), money_flows(res), lm3_by_anchor(res), programme_outputs(res)]


def save(charts: list[Chart], outdir: Path, dpi: int = 130) -> list[Path]:
    """Write each chart as PNG and SVG; return the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for c in charts:
        if c.figure is None:
            continue
        for ext in ("png", "svg"):
            p = outdir / f"{c.key}.{ext}"
            c.figure.savefig(p, dpi=dpi, bbox_inches="tight")
            written.append(p)
    return written
