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
EFFECT_INDICATORS = [N.EMPLOYED_AT_BASE_POP, N.EMPLOYMENT_RATE, N.UNEMPLOYMENT_RATE,
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


def effect_over_time(res: Results, effects: pd.DataFrame, indicator: str = N.EMPLOYED_AT_BASE_POP) -> Chart:
    """The headline effect month by month with its paired 95% CI band."""
    m = S.measure(indicator)
    src = set(effects[effects[N.INDICATOR] == indicator]["source"])
    how = (" Computed by this report from the indicators, month by month; its last month is the "
           "summary's headline." if src == {T.SOURCE_REPORT} else "")
    chart = Chart("effect_over_time", f"When the difference appears: {m.label}",
                  f"Difference from the baseline in {m.label}, month by month, with its 95% "
                  "confidence interval (shaded)." + how)
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


def _waterfall_panels(res: Results) -> tuple[pd.DataFrame, list[tuple[str, str]], str]:
    """The additionality rows to draw (one measure, the horizon's when there), and the
    (scenario, programme) panels chosen by `tables.additionality_programmes`."""
    add = T.additionality_table(res)
    if add.empty:
        return add, [], ""
    measure = next((m for m in N.ADDITIONALITY_MEASURES if m in set(add["measure"])), add["measure"].iloc[0])
    add = add[add["measure"] == measure]
    panels = []
    for sc in [x for x in res.scenarios if x != res.baseline]:
        panels += [(sc, p) for p in T.additionality_programmes(add, sc)]
    return add, panels, measure


def additionality_waterfall(res: Results) -> Chart:
    """Gross -> minus deadweight -> minus displacement -> net, per scenario and programme, from
    the additionality group; leakage is part of net (participants' extra jobs held by people
    who have left the area), drawn hatched inside the net bar, not subtracted."""
    chart = Chart("additionality", "How much of the programme's outcome is really additional",
                  "Start: participants in work at the end of the run (gross). Deadweight: those of "
                  "them in work at the end of the baseline run too, i.e. without the programme, "
                  "taken away. Displacement: the change in everyone else's jobs on balance (jobs "
                  "others lost are taken away; jobs others gained, e.g. in supported enterprises, "
                  "are added). The result is the net additional "
                  "outcome; its hatched part is leakage, extra jobs held by participants who have "
                  "since left the area. The same simulated people are compared in both runs. Error "
                  "bars: paired 95% confidence intervals.")
    add, panels, measure = _waterfall_panels(res)
    if add.empty:
        chart.missing = ("this results file has no additionality figures (they are written by "
                         "cwbsim's scenario comparison, group additionality)")
        return chart
    if not panels and len(res.scenarios) < 2:
        chart.missing = "the results file holds only the baseline, so there is nothing to compare"
        return chart
    if not panels:
        chart.missing = ("no scenario runs a programme with participants, so there is no "
                         "additionality to show")
        return chart
    unit = "people in work at the end" if measure == "at_horizon" else measure.replace("_", " ") or "outcome"
    ncol = min(2, len(panels))
    nrow = -(-len(panels) // ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(6.6 * ncol, 3.9 * nrow), squeeze=False)
    labels = ["in work\n(gross)", "deadweight", "displacement\n(others' jobs)", "= net\nadditional"]
    colours = {"gross": S.OKABE_ITO[3], "deadweight": S.OKABE_ITO[4], "displacement": S.OKABE_ITO[4],
               "net": S.OKABE_ITO[2]}
    for ax, (sc, prog) in zip(axes.flat, panels):
        sel = add[(add[N.SCENARIO] == sc) & (add[N.PROGRAMME] == prog)]
        vals = {str(r["step"]): r for _, r in sel.iterrows()}
        running = 0.0
        for i, step in enumerate(("gross", "deadweight", "displacement", "net")):
            if step not in vals:
                continue
            r = vals[step]
            v, lo, hi = float(r["mean"]), float(r["ci_low"]), float(r["ci_high"])
            if step in ("gross", "net"):
                bottom, height = 0.0, v
                running = v
                err_at, err_lo, err_hi = v, v - lo, hi - v
            else:  # a deduction (signed): the bar spans the running total before and after
                bottom, height = running - v, v
                running -= v
                err_at, err_lo, err_hi = bottom, hi - v, v - lo  # the new total's interval
            ax.bar(i, height, bottom=bottom, color=colours[step] if v >= 0 or step in ("gross", "net")
                   else S.OKABE_ITO[2], width=0.6, alpha=0.95 if step in ("gross", "net") else 0.75)
            if step == "net" and "leakage" in vals:
                lk = float(vals["leakage"]["mean"])
                if lk > 0 and v > 0:
                    ax.bar(i, min(lk, v), bottom=0.0, color="none", edgecolor="black", hatch="//",
                           width=0.6, lw=0.6, label=f"leakage (left the area): {lk:,.1f}")
                    ax.legend(frameon=False, fontsize=9, loc="upper left")
            if not (np.isnan(lo) or np.isnan(hi)):
                ax.errorbar(i, err_at, yerr=[[max(0.0, err_lo)], [max(0.0, err_hi)]], color="black",
                            capsize=4, lw=1.2)
            top = max(bottom, bottom + height)
            shown = v if step in ("gross", "net") else -v  # deductions: the change they make
            text = f"{shown:,.0f}" if abs(shown) >= 10 or shown == 0 else f"{shown:,.1f}"
            if step not in ("gross", "net") and shown != 0:
                text = ("+" if shown > 0 else "") + text
            ax.annotate(text, (i, top), ha="center",
                        va="bottom", fontsize=10, xytext=(6, 3), textcoords="offset points")
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(range(4), labels)
        ax.set_ylabel(unit)
        ax.set_title(sc if prog == sc else f"{sc}: {'all programmes' if prog == N.PROGRAMME_ALL else prog}")
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
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
                  "(median over replicates), and the cumulative cost (results file, group "
                  "programmes).")
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
    cost_unit, cost_div = "GBP million", 1e6
    if N.PROGRAMME_COST in ds and float(ds[N.PROGRAMME_COST].astype(float).sum(N.MONTH).max()) / 100.0 < 1e6:
        cost_unit, cost_div = "GBP thousand", 1e3
    for ax, var in zip(axes.flat, panels):
        arr = ds[var].astype(float)
        if var == N.PROGRAMME_COST:
            arr = arr.cumsum(N.MONTH) / 100.0 / cost_div
        for s in [x for x in res.scenarios if x != res.baseline]:
            for j, p in enumerate(progs):
                y = arr.sel({N.SCENARIO: s, N.PROGRAMME: p}).median(N.REPLICATE)
                if float(np.abs(y).sum()) == 0:
                    continue
                ax.plot(y[N.MONTH].values, y.values, color=colours[s], ls=styles[j % 4], lw=2,
                        label=f"{s}: {p}")
        ax.set_title({N.PROGRAMME_COST: "cumulative cost"}.get(var, var))
        ax.set_ylabel(cost_unit if var == N.PROGRAMME_COST else "people per month")
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
