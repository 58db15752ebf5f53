"""One self-contained HTML report of a results file: summary first, then charts, effects,
assumptions and provenance.

Why self-contained (charts as base64 PNG, CSS inline, no scripts): it is e-mailed to funders
and opened offline; nothing may be fetched from the network.
"""
from __future__ import annotations

import base64
import html
import io
import math
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import names as N
from . import plots as P
from . import scenario_diff as D
from . import style as S
from . import summary as U
from . import tables as T
from .results import Results, anchor_long_names, load, resolved_yaml, scenario_titles

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:1100px;
margin:0 auto;padding:1.2em 1.5em 4em;color:#1a1a1a;line-height:1.5;font-size:17px}
h1{font-size:1.7em;margin:.2em 0 .1em}h2{border-bottom:2px solid #0072B2;padding-bottom:.15em;margin-top:2em}
.lede{font-size:1.08em;color:#333;margin-top:.2em}
.card{border:1px solid #ccc;border-left:8px solid var(--c);border-radius:6px;padding:.6em 1.1em;margin:1em 0;background:#fafafa}
.card h3{margin:.2em 0 .3em;font-size:1.25em}
.big{font-size:1.35em;font-weight:600;margin:.3em 0}
.verdict{display:inline-block;padding:.05em .5em;border-radius:4px;font-size:.85em;font-weight:600}
.clear{background:#d7ecd9;color:#0b5a1e}.unclear{background:#eee;color:#444}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th.n{white-space:normal}
table{display:block;overflow-x:auto;max-width:100%}
figure{margin:1.2em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#333;font-size:.93em;max-width:60em}
.unavailable{background:#fff6e0;border-left:5px solid #E69F00;padding:.4em .8em}
.howto{background:#eef5fb;border-radius:6px;padding:.6em 1em;font-size:.95em}
details{margin:.5em 0}pre{white-space:pre-wrap;font-size:.8em;background:#f4f4f4;padding:.6em}
nav a{margin-right:1em}
.tablewrap{overflow-x:auto;max-width:100%}
table.glance{font-size:1em;margin:.6em 0 .9em}table.glance td:first-child{font-weight:600}
table.glance td.why{color:#555;font-size:.9em}
table.compare td.n{white-space:normal;min-width:8em}
.note{color:#555;font-size:.88em}
"""


def _e(x: object) -> str:
    return html.escape(str(x))


def _month(d) -> str:
    return pd.Timestamp(d).strftime("%B %Y")


def _count(n: int) -> str:
    words = {0: "No policy scenario", 1: "One policy scenario"}
    return words.get(n, f"{n} policy scenarios")


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _fact(key: str, text: str) -> str:
    """A number as shown, tagged so a test (or a reader's tool) can find and check it."""
    return f'<span class="num" data-fact="{_e(key)}">{_e(text)}</span>'


def _ci_text(name: str, e: U.Estimate, key: str) -> str:
    if e.mean == 0 and e.low == 0 and e.high == 0:
        return _fact(key + ":mean", "0") + " (no change in any run)"
    v, lo, hi = S.fmt_effect(name, e.mean, e.low, e.high)
    if math.isnan(e.low):
        return f"{_fact(key + ':mean', v)} (one replicate: no confidence interval)"
    return (f"{_fact(key + ':mean', v)} (95% CI {_fact(key + ':low', lo)} to "
            f"{_fact(key + ':high', hi)})")


def _verdict(e: U.Estimate) -> str:
    if math.isnan(e.low):
        return '<span class="verdict unclear">not enough runs to judge</span>'
    if e.clear:
        return '<span class="verdict clear">clear difference</span>'
    return '<span class="verdict unclear">could be no change</span>'


def _headline(s: U.ScenarioSummary, when: str) -> str:
    e = s.headline
    if e is None:
        return ""
    v, lo, hi = S.fmt_effect(N.EMPLOYED_RESIDENTS, abs(e.mean), e.low, e.high)
    more = "more" if e.mean >= 0 else "fewer"
    key = f"{s.name}:{N.EMPLOYED_RESIDENTS}"
    if math.isnan(e.low):
        ci = " (one replicate only: no confidence interval)"
    else:
        ci = (f" (95% confidence interval: {_fact(key + ':low', lo)} to "
              f"{_fact(key + ':high', hi)})")
    sentence = (f'<p class="big">{_fact(key + ":abs", v)} {more} residents in work by {_e(when)} '
                f"than without the change{ci}.</p>")
    if math.isnan(e.low):
        plain = "Run more replicates to know how certain this is."
    elif e.clear:
        plain = ("The whole range is on one side of zero, so this is very unlikely to be chance "
                 "alone.")
    else:
        plain = ("The range includes zero: the model cannot rule out that the scenario makes no "
                 "difference to employment.")
    src = ("from the results file" if e.source.startswith("results file")
           else "computed by this report from the indicators (the file has no effects group)")
    return (sentence + f"<p>{plain} <span class='note'>Residents in work at the baseline's "
            f"population (the employment-rate effect times the baseline's working-age residents, "
            f"so newcomers' jobs are not counted), {_e(src)}.</span></p>")


def _effects_table(s: U.ScenarioSummary) -> str:
    rows = []
    for e in s.effects:
        m = S.measure(e.name)
        rows.append(f"<tr><td>{_e(m.label)}</td><td class='n'>"
                    f"{_ci_text(e.name, e, f'{s.name}:{e.name}')}</td>"
                    f"<td>{_e(S.effect_unit(e.name))}</td><td>{_verdict(e)}</td></tr>")
    return ("<table><tr><th>what</th><th class='n'>change vs baseline</th><th>unit</th>"
            "<th></th></tr>" + "".join(rows) + "</table>")


def _who_gains(s: U.ScenarioSummary, longs: dict[str, str]) -> str:
    parts = []
    w = s.wards
    if not w.empty:
        items = []
        for _, r in w.head(3).iterrows():
            e = U.Estimate(N.EMPLOYED_RESIDENTS, r[N.EFFECT_MEAN], r[N.EFFECT_CI_LOW], r[N.EFFECT_CI_HIGH])
            v, lo, hi = S.fmt_effect(N.EMPLOYED_RESIDENTS, e.mean, e.low, e.high)
            rng = "" if math.isnan(e.low) else f" (95% CI {lo} to {hi})"
            items.append(f"{_e(r[N.ZONE])}: {_e(v)} residents in work{_e(rng)}")
        parts.append("<li><b>Wards with the largest change in residents in work:</b> "
                     + "; ".join(items) + ".</li>")
    a = s.anchors
    if not a.empty:
        moved = [r for _, r in a.iterrows()
                 if U.Estimate(N.LM3, r[N.EFFECT_MEAN], r[N.EFFECT_CI_LOW], r[N.EFFECT_CI_HIGH]).clear]
        if moved:
            txt = "; ".join(f"{_e(longs.get(str(r[N.ANCHOR]), r[N.ANCHOR]))} {r[N.EFFECT_MEAN]:+.2f} (95% CI {r[N.EFFECT_CI_LOW]:+.2f} "
                            f"to {r[N.EFFECT_CI_HIGH]:+.2f})" for r in moved)
            parts.append("<li><b>Anchor institutions whose pound now does more locally</b> (change in "
                         f"LM3, pounds of local spending per GBP 1 spent): {txt}.</li>")
        else:
            parts.append("<li>No anchor institution's LM3 changes clearly.</li>")
    for e in s.effects:
        if e.name == N.POVERTY_RATE and e.clear:
            v, lo, hi = S.fmt_effect(e.name, e.mean, e.low, e.high)
            parts.append(f"<li><b>Households in poverty:</b> the share of people in poverty changes "
                         f"by {_e(v)} percentage points (95% CI {_e(lo)} to {_e(hi)}).</li>")
    return "<ul>" + "".join(parts) + "</ul>" if parts else ""


def _fmt(r: dict):
    """The formatter for a value-for-money or total row: money, a ratio, or a count."""
    if r["units"] in ("GBP", "pence"):
        return S.fmt_gbp
    if r.get("name") == N.SROI:
        return lambda x: "n/a" if math.isnan(x) else f"{x:,.2f}"
    return S.fmt_count


def _est_text(r: dict, key: str) -> str:
    """'value (95% CI low to high)', each number tagged as a fact; NaN explained."""
    f = _fmt(r)
    if math.isnan(r["mean"]):
        return _fact(key + ":mean", "n/a") + (f" <span class='note'>({_e(r['why'])})</span>" if r.get("why") else "")
    if r["mean"] == 0 and r["low"] == 0 and r["high"] == 0:
        return _fact(key + ":mean", f(0.0)) + " <span class='note'>(no change in any run)</span>"
    if math.isnan(r["low"]) or math.isnan(r["high"]):
        why = r.get("why") or "no confidence interval"
        return f"{_fact(key + ':mean', f(r['mean']))} <span class='note'>({_e(why)})</span>"
    return (f"{_fact(key + ':mean', f(r['mean']))} (95% CI {_fact(key + ':low', f(r['low']))} to "
            f"{_fact(key + ':high', f(r['high']))})")


def _value_lead(s: U.ScenarioSummary) -> str:
    sroi = next((r for r in s.value if r.get("name") == N.SROI), None)
    if sroi is None or math.isnan(sroi["mean"]):
        return ""
    ci = ""
    if not (math.isnan(sroi["low"]) or math.isnan(sroi["high"])):
        ci = f" (95% CI {sroi['low']:.2f} to {sroi['high']:.2f})"
        if sroi["low"] <= 0 <= sroi["high"]:
            ci += "; the range includes zero, so there may be no social return"
        elif sroi["low"] <= 1 <= sroi["high"]:
            ci += "; the range includes GBP 1, so the social value may not exceed the cost"
    mean = f"{sroi['mean']:.2f}"
    return (f"<p class='big'>GBP {_fact(s.name + ':sroi', mean)} "
            f"of social value for every GBP 1 spent{_e(ci)}.</p>")


def _value(s: U.ScenarioSummary) -> str:
    if not s.value:
        return f'<p class="unavailable"><b>Value for money:</b> not available: {_e(s.value_missing)}.</p>'
    return ("<h4>Value for money</h4>" + _rows_table(s.value, f"{s.name}:value")
            + "<p class='note'>Present values are discounted at 3.5% a year (HM Treasury Green "
              "Book). The social return counts only the social value of employment (HACT); local "
              "income and the fiscal effect are shown beside it, not added (they overlap as "
              "transfers).</p>")


def _totals(s: U.ScenarioSummary) -> str:
    if not s.totals:
        return ""
    return "<h4>Over the whole period</h4>" + _rows_table(s.totals, f"{s.name}:total")


def _rows_table(items: list[dict], key: str) -> str:
    rows = []
    for r in items:
        note = f"<br><span class='note'>{_e(r['note'])}</span>" if r.get("note") else ""
        est = _est_text(r, f"{key}:{r.get('name')}")
        rows.append(f"<tr><td>{_e(r['label'])}{note}</td><td class='n'>{est}</td>"
                    f"<td>{_e(r['units'])}</td><td class='note'>{_e(r['source'])}</td></tr>")
    return ("<div class='tablewrap'><table><tr><th>measure</th><th class='n'>estimate (95% CI)</th>"
            "<th>unit</th><th>source</th></tr>" + "".join(rows) + "</table></div>")


def _additionality_sentence(s: U.ScenarioSummary) -> str:
    """One sentence per programme: participants, in work at the end, deadweight, net."""
    out = []
    for a in s.additionality:
        prog, key = a[N.PROGRAMME], f"{s.name}:additionality:{a[N.PROGRAMME]}"
        if "gross" not in a or "net" not in a:
            continue
        who = "all programmes together" if prog == N.PROGRAMME_ALL else f"programme {prog}"
        dw = a.get("deadweight")
        dp = a.get("displacement")
        net = a["net"]
        ci = ("" if math.isnan(net.low) else f" (95% CI {_fact(key + ':net:low', S.fmt_count(net.low))} to "
              f"{_fact(key + ':net:high', S.fmt_count(net.high))})")
        direct = a["gross"].mean != 0 or (dw is not None and dw.mean != 0)
        if direct:
            part = ""
            if "participants" in a:
                part = f"{_fact(key + ':participants', S.fmt_count(a['participants'].mean))} people took part; "
            text = (f"<b>{_e(who)}</b>: {part}{_fact(key + ':gross', S.fmt_count(a['gross'].mean))} of them "
                    "were in work at the end")
            if dw is not None:
                text += (f", of whom {_fact(key + ':deadweight', S.fmt_count(dw.mean))} would have been "
                         "in work anyway (deadweight)")
            others = "other residents"
        else:
            text = f"<b>{_e(who)}</b>: no resident took part in person (the programmes act through businesses and public bodies)"
            others = "residents"
        if dp is not None:
            lost = "lost" if dp.mean >= 0 else "gained"
            text += (f"; {others} {lost} {_fact(key + ':displacement', S.fmt_count(abs(dp.mean)))} "
                     "jobs on balance" + (" (displacement)" if dp.mean >= 0 else ""))
        text += f". <b>Net additional: {_fact(key + ':net', S.fmt_count(net.mean))}</b>{ci}."
        out.append(f"<li>{text}</li>")
    if not out:
        return ""
    return ("<h4>Additionality: how many of the programme's job outcomes are new</h4><ul>"
            + "".join(out) + "</ul><p class='note'>The same simulated people are followed in the "
            "scenario and in the baseline, so deadweight and displacement are measured, not assumed "
            "(HCA Additionality Guide); net = in work at the end - deadweight - displacement.</p>")


def _delivered(s: U.ScenarioSummary) -> str:
    if not s.delivered:
        return ""
    rows = []
    for d in s.delivered:
        key = f"{s.name}:delivered:{d[N.PROGRAMME]}"
        cells = []
        for col, f in (("participants_peak", S.fmt_count), (N.COMPLETIONS, S.fmt_count),
                       (N.PLACEMENTS, S.fmt_count), ("cost_gbp", S.fmt_gbp)):
            cells.append(f"<td class='n'>{_fact(f'{key}:{col}', f(d[col])) if col in d else 'n/a'}</td>")
        kind = str(d.get("type", ""))
        kind = "" if kind in ("", "nan", d[N.PROGRAMME]) else f" <small>({_e(kind)})</small>"
        rows.append(f"<tr><td>{_e(d[N.PROGRAMME])}{kind}</td>{''.join(cells)}</tr>")
    return ("<h4>What the programmes delivered</h4><div class='tablewrap'><table><tr><th>programme</th>"
            "<th class='n'>most participants in a month</th><th class='n'>completions</th>"
            "<th class='n'>placements</th><th class='n'>cost</th></tr>" + "".join(rows) + "</table></div>"
            "<p class='note'>Mean over replicates, whole run; from the results file's "
            "<code>programmes</code> group (cost as spent, undiscounted).</p>")


def _glance(s: U.ScenarioSummary) -> str:
    """The funder's three questions in one small table: how many more in work, what did it
    cost, what is it worth. Rows only for figures the file has."""
    rows = []
    value = {r.get("name"): r for r in s.value}
    total = {r.get("name"): r for r in s.totals}
    add = next((a for a in s.additionality if a[N.PROGRAMME] == N.PROGRAMME_ALL), None) or (
        s.additionality[0] if len(s.additionality) == 1 else None)
    if add is not None and "participants" in add and add["participants"].mean > 0:
        p = add["participants"]
        rows.append(("people the programmes reached", _est_text(
            {"name": "participants", "mean": p.mean, "low": p.low, "high": p.high, "units": "1"},
            f"{s.name}:glance:participants"), "persons enrolled or employed by the programmes"))
    if add is not None and "net" in add:
        n = add["net"]
        rows.append(("net additional jobs from the programmes", _est_text(
            {"name": "net", "mean": n.mean, "low": n.low, "high": n.high, "units": "1"},
            f"{s.name}:glance:net"), "in work at the end, less deadweight and displacement"))
    for name, label, why in ((N.PROGRAMME_COSTS, "programme cost", "spent over the run"),
                             (N.SROI, "social value per GBP 1 spent", "SROI, present values"),
                             (N.COST_PER_JOB, "cost per net additional job", "present value")):
        r = value.get(name)
        if r is not None:
            rows.append((label, _est_text(r, f"{s.name}:glance:{name}"), why))
    r = total.get("local_income_gain_pv")
    if r is not None:
        rows.append(("extra local income of households", _est_text(r, f"{s.name}:glance:local_income_gain_pv"),
                     "over the run, present value"))
    if not rows:
        return ""
    body = "".join(f"<tr><td>{_e(a)}</td><td class='n'>{b}</td><td class='why'>{_e(c)}</td></tr>"
                   for a, b, c in rows)
    return f"<div class='tablewrap'><table class='glance'>{body}</table></div>"


def _programme_item(p: dict) -> str:
    keys = [k for k in p if k not in ("type", "name")]
    main = [k for k in keys if k in ("start", "end") or "places" in k or "cost" in k or "budget" in k
            or "grant" in k]
    parts = []
    if "start" in p or "end" in p:
        parts.append(f"runs {p.get('start', 'from the start')} to {p.get('end', 'the end')}")
    parts += [f"{D.PLAIN.get(k, k.removesuffix('_gbp').replace('_', ' '))} {D.fmt_value(k, p[k])}"
              for k in main if k not in ("start", "end")]
    more = len(keys) - len(main)
    if more > 0:
        parts.append(f"{more} more setting{'s' if more > 1 else ''} under Assumptions")
    kind = str(p.get("type", ""))
    kind = "" if kind in ("", p.get("name")) else f" ({kind.replace('_', ' ')})"
    return (f"<li>programme <b>{_e(p.get('name', ''))}</b>{_e(kind)}"
            f"{': ' + _e('; '.join(parts)) if parts else ''}</li>")


def _scenario_card(s: U.ScenarioSummary, colour: str, when: str, longs: dict[str, str]) -> str:
    changes = s.changes[:8]
    more = len(s.changes) - len(changes)
    items = "".join(_programme_item(p) for p in s.programmes)
    items += "".join(f"<li>{_e(c)}</li>" for c in changes)
    if more > 0:
        items += f"<li>... and {more} more (see Assumptions)</li>"
    if not items:
        items = "<li>no parameter differs from the baseline</li>"
    return (f'<div class="card" id="scenario-{_e(s.name)}" style="--c:{colour}">'
            f"<h3>{_e(s.title)} <small>({_e(s.name)})</small></h3>"
            f"{_headline(s, when)}{_value_lead(s)}{_glance(s)}"
            f"<p><b>What changed</b> compared with the baseline:</p><ul>{items}</ul>"
            f"<h4>Main effects at {_e(when)}</h4>{_effects_table(s)}"
            f"{_additionality_sentence(s)}{_delivered(s)}{_value(s)}{_totals(s)}"
            f"<h4>Who gains</h4>{_who_gains(s, longs)}</div>")


def _comparison(summaries: list[U.ScenarioSummary], when: str) -> str:
    """With several scenarios, one row each before the cards: the headline, the net
    additional jobs, the cost and the return, so options can be compared at a glance."""
    if len(summaries) < 2:
        return ""
    rows = []
    for s in summaries:
        value = {r.get("name"): r for r in s.value}
        add = next((a for a in s.additionality if a[N.PROGRAMME] == N.PROGRAMME_ALL), None) or (
            s.additionality[0] if len(s.additionality) == 1 else None)
        cells = []
        h = s.headline
        cells.append(_est_text({"name": "jobs", "mean": h.mean, "low": h.low, "high": h.high, "units": "1"},
                               f"compare:{s.name}:residents") if h is not None else "n/a")
        n = add.get("net") if add is not None else None
        cells.append(_est_text({"name": "net", "mean": n.mean, "low": n.low, "high": n.high, "units": "1"},
                               f"compare:{s.name}:net") if n is not None else "n/a")
        for name in (N.PROGRAMME_COSTS, N.SROI, N.COST_PER_JOB):
            r = value.get(name)
            cells.append(_est_text(r, f"compare:{s.name}:{name}") if r is not None else "n/a")
        rows.append(f"<tr><td><a href='#scenario-{_e(s.name)}'>{_e(s.title)}</a></td>"
                    + "".join(f"<td class='n'>{c}</td>" for c in cells) + "</tr>")
    return ("<h3>All scenarios at a glance</h3><div class='tablewrap'><table class='compare'><tr><th>scenario</th>"
            f"<th class='n'>more residents in work by {_e(when)}</th><th class='n'>net additional jobs "
            "from programmes</th><th class='n'>programme cost</th><th class='n'>social value per GBP 1 "
            "spent</th><th class='n'>cost per net additional job</th></tr>" + "".join(rows)
            + "</table></div><p class='note'>Each with its 95% confidence interval; details in the "
            "scenario's card below.</p>")


def _baseline_card(res: Results, when: str) -> str:
    lv = U.baseline_levels(res)
    start = _month(res[N.INDICATORS][N.MONTH].values[0])
    rows = []
    for name in (N.EMPLOYED_RESIDENTS, N.EMPLOYMENT_RATE, N.UNEMPLOYMENT_RATE, N.MEDIAN_INCOME,
                 N.POVERTY_RATE, N.LOCAL_SPEND_SHARE, N.FIRMS, N.SOCIAL_ENTERPRISES):
        if name in lv:
            a, b = lv[name]
            rows.append(f"<tr><td>{_e(S.measure(name).label)}</td>"
                        f"<td class='n'>{_fact(f'{res.baseline}:{name}:start', S.fmt_level(name, a))}</td>"
                        f"<td class='n'>{_fact(f'{res.baseline}:{name}:end', S.fmt_level(name, b))}</td></tr>")
    return (f'<div class="card" style="--c:#000"><h3>The baseline: {_e(scenario_titles(res)[res.baseline])}</h3>'
            "<p>What the model expects to happen in the area with no new policy. Every other "
            "scenario is compared with this.</p>"
            f"<table><tr><th>whole area, average over runs</th><th class='n'>{_e(start)}</th>"
            f"<th class='n'>{_e(when)}</th></tr>{''.join(rows)}</table></div>")


def _charts(charts: list[P.Chart]) -> str:
    out = []
    for c in charts:
        if c.figure is None:
            out.append(f'<section id="fig-{c.key}"><h3>{_e(c.title)}</h3><p class="unavailable">'
                       f"Not shown: {_e(c.missing)}.</p></section>")
            continue
        out.append(f'<figure id="fig-{c.key}"><h3>{_e(c.title)}</h3>'
                   f'<img alt="{_e(c.title)}" src="data:image/png;base64,{_png(c.figure)}">'
                   f"<figcaption>{_e(c.caption)}</figcaption></figure>")
    return "".join(out)


def _effects_section(res: Results, effects: pd.DataFrame) -> str:
    at = T.effects_at(effects)
    at = at[at[N.SCENARIO] != res.baseline]
    if at.empty:
        return '<p class="unavailable">Only the baseline was run, so there are no effects to show.</p>'
    rows = []
    for _, r in at.iterrows():
        name = str(r[N.INDICATOR])
        v, lo, hi = S.fmt_effect(name, r[N.EFFECT_MEAN], r[N.EFFECT_CI_LOW], r[N.EFFECT_CI_HIGH])
        _, ulo, uhi = S.fmt_effect(name, r[N.EFFECT_MEAN], r.get(N.UNPAIRED_CI_LOW, float("nan")),
                                   r.get(N.UNPAIRED_CI_HIGH, float("nan")))
        src = "file" if r["source"] == T.SOURCE_FILE else "report"
        key = f"effects:{r[N.SCENARIO]}:{name}"
        rows.append(f"<tr><td>{_e(r[N.SCENARIO])}</td><td>{_e(S.measure(name).label)} <small>({_e(name)})</small></td>"
                    f"<td class='n'>{_fact(key + ':mean', v)}</td><td class='n'>{_fact(key + ':low', lo)} to "
                    f"{_fact(key + ':high', hi)}</td><td class='n'>{_e(ulo)} to {_e(uhi)}</td>"
                    f"<td>{_e(S.effect_unit(name))}</td><td>{src}</td></tr>")
    if T.effects_source(at) == T.SOURCE_REPORT:
        note = ("Effects were <b>computed by this report</b> from the indicators, because the results "
                "file has no <code>effects</code> group (source: report).")
    else:
        note = ("Effects come from the results file's <code>effects</code> group (source: file); "
                "only the counts of residents in work, which the file gives for the last month "
                "alone, are computed by this report from the indicators (source: report), with the "
                "same method.")
    return (f"<p>{note} Paired: each replicate of a scenario minus the baseline replicate with the "
            "same random numbers, mean over replicates, Student-t 95% interval. Unpaired: the "
            "interval from the difference of the two means, ignoring the pairing (Welch); shown to make "
            "the gain from pairing visible.</p>"
            "<div class='tablewrap'><table><tr><th>scenario</th><th>indicator</th><th class='n'>effect</th>"
            "<th class='n'>95% CI (paired)</th><th class='n'>95% CI (unpaired)</th><th>unit</th>"
            "<th>source</th></tr>" + "".join(rows) + "</table></div>")


def _assumptions(res: Results) -> str:
    yamls = {k: D.parse(v) for k, v in resolved_yaml(res).items()}
    base = D.flatten(yamls.get(res.baseline, {}))
    if not base:
        return '<p class="unavailable">The results file holds no resolved scenario YAML.</p>'
    others = [s for s in res.scenarios if s != res.baseline]
    flat = {s: D.flatten(yamls.get(s, {})) for s in others}
    head = "".join(f"<th class='n'>{_e(s)}</th>" for s in others)
    rows = []
    for key, words in D.KEY_ASSUMPTIONS:
        if key not in base:
            continue
        cells = "".join(f"<td class='n'>{_e(D.fmt_value(key, flat[s].get(key)) if flat[s].get(key) != base[key] else 'same')}</td>"
                        for s in others)
        rows.append(f"<tr><td>{_e(words)}<br><small><code>{_e(key)}</code></small></td>"
                    f"<td class='n'>{_e(D.fmt_value(key, base[key]))}</td>{cells}</tr>")
    out = ["<p>The model's results depend most on these assumptions (baseline values; most are "
           "marked as assumptions, not measured, in <code>scenarios/baseline.yaml</code>; see "
           "<code>docs/parameters.md</code> and <code>docs/calibration.md</code>).</p>",
           f"<table><tr><th>assumption</th><th class='n'>{_e(res.baseline)}</th>{head}</tr>"
           + "".join(rows) + "</table>"]
    anchors = (yamls.get(res.baseline, {}) or {}).get("anchors") or []
    if anchors:
        cols = ["annual_budget_gbp", "staff", "procurement_share", "local_procurement_share",
                "social_enterprise_share", "resident_staff_share", "local_recruitment_share"]
        hdr = "".join(f"<th class='n'>{_e(D.PLAIN.get(c, c))}</th>" for c in cols)
        body = "".join("<tr><td>" + _e(a.get("long_name", a.get("name"))) + "</td>" + "".join(
            f"<td class='n'>{_e(D.fmt_value(c, a[c]) if c in a else 'default')}</td>" for c in cols) + "</tr>"
            for a in anchors)
        out.append(f"<p><b>Anchor institutions in the baseline</b></p><table><tr><th>anchor</th>{hdr}</tr>{body}</table>")
    for s in others:
        diffs = D.differences(yamls.get(res.baseline, {}), yamls.get(s, {}))
        body = "".join(f"<tr><td><code>{_e(k)}</code></td><td class='n'>{_e(D.fmt_value(k, b))}</td>"
                       f"<td class='n'>{_e(D.fmt_value(k, a))}</td></tr>" for k, b, a in diffs)
        out.append(f"<details><summary>Every setting where <b>{_e(s)}</b> differs from the baseline "
                   f"({len(diffs)})</summary><table><tr><th>key</th><th class='n'>baseline</th>"
                   f"<th class='n'>{_e(s)}</th></tr>{body}</table></details>")
    for s, text in resolved_yaml(res).items():
        out.append(f"<details><summary>Resolved scenario file: {_e(s)}</summary><pre>{_e(text)}</pre></details>")
    return "".join(out)


def _provenance(res: Results, effects_source: str) -> str:
    a = res.attrs
    rows = [(k, a.get(k, "")) for k in N.PROVENANCE_ATTRS if k in a]
    files = []
    if N.SCENARIOS in res and N.SOURCE_FILE in res[N.SCENARIOS]:
        ds = res[N.SCENARIOS]
        files = [f"{s}: {f}" for s, f in zip(ds[N.SCENARIO].values, ds[N.SOURCE_FILE].values)]
    rows.append(("scenario files", "; ".join(files)))
    rows.append(("results file", f"{res.path} ({os.path.getsize(res.path):,} bytes)"))
    rows.append(("groups in the file", ", ".join(res.keys())))
    rows.append(("effects", effects_source))
    rows.append(("report written", datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                 + " by cwb_analysis (python3 -m cwb_analysis report)"))
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_fact('provenance:' + k, str(v))}</td></tr>" for k, v in rows)
    return ("<p>Everything needed to reproduce these numbers: the same cwbsim version and "
            "scenario files with the same seed give the same results on any machine and any "
            "number of threads. The run length and replicates are the study's (command-line "
            "options override the values in the scenario files).</p>"
            f"<table>{body}</table>")


def render(res: Results) -> str:
    """The whole report as one HTML string."""
    effects = T.effects_table(res)
    summaries = U.build(res, effects)
    when = _month(U.horizon(res))
    start = _month(res[N.INDICATORS][N.MONTH].values[0])
    colours = S.scenario_colours(res.scenarios, res.baseline)
    reps = int(res[N.INDICATORS].sizes[N.REPLICATE])
    charts = P.all_charts(res, effects)
    area = scenario_titles(res)[res.baseline]
    longs = anchor_long_names(res)
    cards = "".join(_scenario_card(s, colours[s.name], when, longs) for s in summaries)
    if not summaries:
        cards = ('<p class="unavailable">This file holds only the baseline. To see what a policy '
                 "would change, run it beside the baseline: <code>cwbsim run baseline.yaml "
                 "my-scenario.yaml -o results/compare.h5</code>.</p>")
    effects_source = T.effects_source(effects)
    howto = (f'<div class="howto"><b>How to read this.</b> cwbsim simulates every resident, business '
             f"and public body of the area month by month, from {_e(start)} to {_e(when)}. Each "
             f"scenario was run {_fact('replicates', str(reps))} times with different chance events "
             "(who finds a job, which firm closes); each run of a scenario met the same chance "
             "events as one run of the baseline, so differences between them come from the policy. "
             "A <b>95% confidence interval</b> (CI) is the range in which the true average effect "
             "lies with 95% confidence; if it includes zero, the policy may make no difference. "
             "These are model results under the assumptions listed below, not forecasts.</div>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cwbsim report: {_e(area)}</title><style>{CSS}</style></head><body>
<header><h1>What the policy options would change</h1>
<p class="lede">{_e(area)}. {_e(_count(len(summaries)))} compared with the baseline (the area
with no new policy), at the end of the simulated period, {_e(when)}. Numbers are averages over
{_e(reps)} simulated runs; the range in brackets is the 95% confidence interval (see "How to read
this" below).</p>
<nav><a href="#summary">Summary</a><a href="#charts">Charts</a><a href="#effects">All effects</a>
<a href="#assumptions">Assumptions</a><a href="#provenance">Provenance</a></nav></header>
<section id="summary"><h2>Summary</h2>{_comparison(summaries, when)}{cards}{howto}{_baseline_card(res, when)}</section>
<section id="charts"><h2>Charts</h2>{_charts(charts)}</section>
<section id="effects"><h2>All effects at {_e(when)}</h2>{_effects_section(res, effects)}</section>
<section id="assumptions"><h2>Assumptions and parameters that matter most</h2>{_assumptions(res)}</section>
<section id="provenance"><h2>Provenance</h2>{_provenance(res, effects_source)}</section>
</body></html>
"""


def write(results: str | Path, out: str | Path) -> Path:
    """Load `results`, render the report and write it to `out` (atomically: temp + rename)."""
    res = load(results)
    text = render(res)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out
