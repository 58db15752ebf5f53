#!/usr/bin/python3
"""Tests of analysis/cwb_analysis against what real cwbsim results files contain: loading each
group as its own Dataset, tidy tables equal to the file's `effects`, `value_for_money`,
`additionality` and `programmes` groups (read here independently with h5py), the fallback
computation when a file has no `effects` group, and the charts.

Two studies, 3 replicates x 24 months at full scale (a few seconds each): the baseline with
`scenarios/use_it/skills_matching.yaml` (a programme), and the baseline alone (its `programmes`
group has a zero-length `programme` dimension, its `additionality` group one `all` slot).

usage: /usr/bin/python3 test_analysis.py PATH_TO_CWBSIM REPO_ROOT
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import h5py
import numpy as np
import xarray as xr

CWBSIM, ROOT = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
sys.path.insert(0, str(ROOT / "analysis"))
from cwb_analysis import (additionality_table, effects_table, indicators_table, load,  # noqa: E402
                          programme_totals, totals_table, value_table)
from cwb_analysis import plots, summary, tables  # noqa: E402
from cwb_analysis.stats import paired_effect, t_quantile, unpaired_effect  # noqa: E402

TMP = Path(tempfile.mkdtemp(prefix="cwb_analysis_test_"))
REPS, MONTHS = 3, 24
SCEN = "skills_matching"


def run(out: Path, *scenarios: str) -> Path:
    subprocess.run([str(CWBSIM), "run", *[str(ROOT / s) for s in scenarios], "--replicates", str(REPS),
                    "--months", str(MONTHS), "-q", "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


STUDY = run(TMP / "study.h5", "scenarios/baseline.yaml", f"scenarios/use_it/{SCEN}.yaml")
ONLY = run(TMP / "baseline.h5", "scenarios/baseline.yaml")


def without(src: Path, groups: tuple[str, ...]) -> Path:
    """A copy of `src` without `groups` (an older file, written before they existed)."""
    dst = TMP / f"without_{'_'.join(groups)}.h5"
    shutil.copy(src, dst)
    with h5py.File(dst, "r+") as f:
        for g in groups:
            del f[g]
    return dst


def labels(f: h5py.File, path: str) -> list[str]:
    return [x.decode() if isinstance(x, bytes) else str(x) for x in f[path][()]]


def stat(f: h5py.File, group: str, var: str, scenario: str, programme: str | None = None) -> np.ndarray:
    """(mean, ci_low, ci_high) of a variable over (scenario[, programme], statistic), by label."""
    s = labels(f, f"{group}/scenario").index(scenario)
    st = labels(f, f"{group}/statistic")
    idx = [st.index(k) for k in ("mean", "ci_low", "ci_high")]
    x = f[f"{group}/{var}"][()]
    x = x[s] if programme is None else x[s, labels(f, f"{group}/programme").index(programme)]
    return x[idx]


passed = failed = 0


def check(name: str, fn) -> None:
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok   {name}")
    except Exception:  # noqa: BLE001 - report every failure and go on
        failed += 1
        print(f"FAIL {name}")
        traceback.print_exc()


def close(a, b, tol=1e-9) -> bool:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return bool(np.all((np.isnan(a) & np.isnan(b)) | (np.abs(a - b) <= tol * np.maximum(1, np.abs(b)))))


def case_load_each_group_its_own_dataset() -> None:
    res, only = load(STUDY), load(ONLY)
    for g in ("indicators", "anchors", "accounts", "scenarios", "effects", "value_for_money",
              "programmes", "additionality"):
        assert g in res and g in only, g
        assert isinstance(res[g], xr.Dataset)
    ind = res["indicators"]
    assert list(ind["employment_rate"].dims) == ["scenario", "replicate", "month", "zone"]
    assert np.issubdtype(ind["month"].dtype, np.datetime64)
    assert np.issubdtype(res["effects"]["month"].dtype, np.datetime64)
    assert res.scenarios == ["baseline", SCEN] and res.baseline == "baseline"
    assert int(res.attrs["seed"]) == 20170101 and int(res.attrs["replicates"]) == REPS
    # `programme` differs between groups and between files: each group keeps its own.
    assert list(res["programmes"]["programme"].values) == [SCEN]
    assert list(res["additionality"]["programme"].values) == [SCEN, "all"]
    assert only["programmes"].sizes["programme"] == 0 and only["programmes"]["cost"].shape == (1, REPS, MONTHS, 0)
    assert list(only["additionality"]["programme"].values) == ["all"]
    sub = load(STUDY, groups=["indicators", "programmes"])
    assert set(sub) == {"indicators", "programmes"}


def case_indicators_table() -> None:
    res = load(STUDY)
    df = indicators_table(res)
    nvars = sum(1 for v in res["indicators"].data_vars.values() if "replicate" in v.dims)
    assert len(df) == nvars * 2 * REPS * MONTHS * 7, len(df)
    with h5py.File(STUDY) as f:
        raw = f["indicators/poverty_rate"][1, 2, 5, 6]
    row = df[(df.indicator == "poverty_rate") & (df.scenario == SCEN) & (df.replicate == 2)
             & (df.zone == "all")].sort_values("month").iloc[5]
    assert row.value == raw and row.units == "1"


def case_t_quantile_and_intervals_by_hand() -> None:
    for df, want in ((1, 12.706204736), (2, 4.302652730), (4, 2.776445105), (30, 2.042272456)):
        assert abs(t_quantile(0.975, df) - want) < 1e-8, (df, t_quantile(0.975, df))
    m, lo, hi = paired_effect(np.array([3.0, 5.0, 7.0]), np.array([1.0, 2.0, 3.0]))
    half = 4.302652729911275 / np.sqrt(3)  # differences 2, 3, 4: mean 3, sd 1
    assert m == 3 and abs(lo - (3 - half)) < 1e-9 and abs(hi - (3 + half)) < 1e-9, (m, lo, hi)
    # Welch with equal variances 4 and n = 3: se = sqrt(8/3), df = 4.
    m, lo, hi = unpaired_effect(np.array([3.0, 5.0, 7.0]), np.array([0.0, 2.0, 4.0]))
    half = 2.7764451051977987 * np.sqrt(8 / 3)
    assert m == 3 and abs(lo - (3 - half)) < 1e-9 and abs(hi - (3 + half)) < 1e-9, (m, lo, hi)


def case_effects_from_file_group() -> None:
    res = load(STUDY)
    eff = effects_table(res)
    with h5py.File(STUDY) as f:
        inds = labels(f, "effects/indicator")
        i = inds.index("unemployment_rate")
        want = {v: f[f"effects/{v}"][1, i, :] for v in
                ("effect_mean", "effect_ci_low", "effect_ci_high", "unpaired_ci_low", "unpaired_ci_high")}
        units = labels(f, "effects/indicator_units")[i]
    got = eff[(eff.scenario == SCEN) & (eff.indicator == "unemployment_rate")].sort_values("month")
    assert len(got) == MONTHS and set(got.source) == {tables.SOURCE_FILE}
    for v, x in want.items():
        assert close(got[v].to_numpy(), x), v
    assert (got.units == units).all()
    assert set(eff[~eff.indicator.isin(tables.DERIVED)].source) == {tables.SOURCE_FILE}
    assert set(inds) <= set(eff.indicator)
    assert tables.effects_source(eff) == tables.SOURCE_FILE
    # Only the derived counts are computed here; at the horizon they equal the file's totals.
    assert set(eff[eff.indicator.isin(tables.DERIVED)].source) == {tables.SOURCE_REPORT}
    at = tables.effects_at(eff)
    with h5py.File(STUDY) as f:
        for ind, total in (("employed_residents", "employed_residents_gain_at_horizon"),
                           ("employed_residents_at_baseline_population", "employment_gain_at_baseline_population")):
            row = at[(at.scenario == SCEN) & (at.indicator == ind)].iloc[0]
            want = stat(f, "effects", total, SCEN)
            got3 = [row.effect_mean, row.effect_ci_low, row.effect_ci_high]
            assert close(got3, want, 1e-6), (ind, got3, want)


def case_effects_fallback_when_group_absent() -> None:
    """An older file without `effects`: computed here, labelled, and equal to what cwbsim
    wrote in the original file (same paired t and Welch intervals)."""
    old = load(without(STUDY, ("effects", "value_for_money", "additionality")))
    eff = effects_table(old)
    assert set(eff.source) == {tables.SOURCE_REPORT} and tables.effects_source(eff) == tables.SOURCE_REPORT
    with h5py.File(STUDY) as f:
        inds = labels(f, "effects/indicator")
        for name in ("employment_rate", "median_equivalised_income", "poverty_rate"):
            i = inds.index(name)
            got = eff[(eff.scenario == SCEN) & (eff.indicator == name)].sort_values("month")
            for v in ("effect_mean", "effect_ci_low", "effect_ci_high", "unpaired_ci_low", "unpaired_ci_high"):
                assert close(got[v].to_numpy(), f[f"effects/{v}"][1, i, :], 1e-6), (name, v)
    base = tables.effects_at(eff)
    base = base[base.scenario == "baseline"]
    assert (base.effect_mean == 0).all() and (base.unpaired_ci_low == 0).all()
    s = summary.build(old, eff)[0]
    assert s.headline.source == tables.SOURCE_REPORT and not s.totals and not s.additionality
    # Value for money falls back to the programmes group's costs, labelled as computed here.
    assert s.value and s.value[0]["source"].startswith(tables.SOURCE_REPORT), s.value
    with h5py.File(STUDY) as f:
        cost = f["programmes/cost"][1].sum(axis=(1, 2)).mean() / 100.0
    assert close(s.value[0]["mean"], cost)


def case_value_for_money_from_file() -> None:
    res = load(STUDY)
    vt = value_table(res)
    s = summary.build(res)[0]
    rows = {r["name"]: r for r in s.value}
    with h5py.File(STUDY) as f:
        names = [k for k in f["value_for_money"] if f["value_for_money"][k].ndim == 2]
        for name in names:
            want = stat(f, "value_for_money", name, SCEN)
            got = vt[(vt.name == name) & (vt.scenario == SCEN)][["mean", "ci_low", "ci_high"]].to_numpy()[0]
            assert close(got, want), (name, got, want)
            r = rows[name]
            assert close([r["mean"], r["low"], r["high"]], want), name
            assert r["source"] == f"results file (group value_for_money, {name})"
        assert set(rows) == set(names)
        assert [r["name"] for r in s.value][:2] == ["sroi", "cost_per_net_additional_job"]
        # The programmes' own spending adds up to the value-for-money programme costs.
        cost = f["programmes/cost"][1].sum(axis=(1, 2)).mean() / 100.0
    assert close(rows["programme_costs"]["mean"], cost, 1e-9), (rows["programme_costs"]["mean"], cost)
    if np.isnan(rows["cost_per_net_additional_job"]["mean"]):
        assert rows["cost_per_net_additional_job"]["why"], "a missing figure must say why"


def case_totals_from_file() -> None:
    res = load(STUDY)
    tt = totals_table(res)
    s = summary.build(res)[0]
    with h5py.File(STUDY) as f:
        for name in ("employed_residents_gain_at_horizon", "employment_person_months_gain",
                     "local_income_gain_pv", "employment_gain_at_baseline_population"):
            want = stat(f, "effects", name, SCEN)
            got = tt[(tt.name == name) & (tt.scenario == SCEN)][["mean", "ci_low", "ci_high"]].to_numpy()[0]
            assert close(got, want), name
        head = stat(f, "effects", "employment_gain_at_baseline_population", SCEN)
    h = s.headline
    assert close([h.mean, h.low, h.high], head) and h.source.startswith("results file"), h
    assert s.totals[0]["name"] == "employment_gain_at_baseline_population"


def case_additionality_from_file() -> None:
    res = load(STUDY)
    add = additionality_table(res)
    assert set(add.step) == {"gross", "deadweight", "displacement", "leakage", "net"}, set(add.step)
    assert set(add.measure) == {"at_horizon", "person_months"}
    assert not add.name.str.contains("share|nonparticipant").any()
    with h5py.File(STUDY) as f:
        for _, r in add.iterrows():
            want = stat(f, "additionality", r["name"], r.scenario, r.programme)
            assert close([r["mean"], r.ci_low, r.ci_high], want), r["name"]
    for measure in ("at_horizon", "person_months"):  # net = gross - deadweight - displacement
        sel = add[(add.scenario == SCEN) & (add.measure == measure)].set_index(["programme", "step"])["mean"]
        for p in (SCEN, "all"):
            assert close(sel[(p, "net")], sel[(p, "gross")] - sel[(p, "deadweight")] - sel[(p, "displacement")], 1e-9)
    s = summary.build(res)[0]
    assert [a["programme"] for a in s.additionality] == [SCEN]  # 'all' repeats the one programme
    a = s.additionality[0]
    with h5py.File(STUDY) as f:
        assert close([a["net"].mean, a["net"].low, a["net"].high], stat(f, "additionality", "net_at_horizon", SCEN, SCEN))
        assert close(a["participants"].mean, stat(f, "additionality", "participants", SCEN, SCEN)[0])
    chart = plots.additionality_waterfall(res)
    assert chart.figure is not None, chart.missing


def case_additionality_names_matched_by_word() -> None:
    """Other spellings of the steps are found; ratios and diagnostics are not taken for steps."""
    step = tables.additionality_step
    assert step("gross_at_horizon") == ("gross", "at_horizon")
    assert step("net_person_months") == ("net", "person_months")
    assert step("additionality_gross_mean") == ("gross", "")
    assert step("deadweight_share_at_horizon") is None and step("nonparticipant_losses_at_horizon") is None
    assert step("participants") is None and step("net_leakage") is None  # two steps: ambiguous
    sc = np.array(["baseline", "a"], dtype=object)
    ds = xr.Dataset(coords={"scenario": sc, "programme": np.array(["p", "all"], dtype=object)})
    for i, name in enumerate(("gross", "deadweight", "displacement", "leakage", "net")):
        for suffix, add in (("_mean", 0.0), ("_ci_low", -1.0), ("_ci_high", 1.0)):
            ds[f"additionality_{name}{suffix}"] = (("scenario", "programme"), np.full((2, 2), 10.0 * i + add))
    ds["deadweight_share_mean"] = (("scenario", "programme"), np.ones((2, 2)))
    ds["deadweight_share_ci_low"] = ds["deadweight_share_ci_high"] = ds["deadweight_share_mean"]
    res = tables.Results(TMP / "x.h5", {"additionality": ds}, {})
    add = additionality_table(res)
    assert sorted(set(add.step)) == sorted(("gross", "deadweight", "displacement", "leakage", "net"))
    got = add[(add.scenario == "a") & (add.programme == "p") & (add.step == "net")].iloc[0]
    assert (got["mean"], got.ci_low, got.ci_high) == (40.0, 39.0, 41.0)


def case_programme_outputs_from_file() -> None:
    res = load(STUDY)
    pt = programme_totals(res)
    assert list(pt.scenario) == [SCEN] and list(pt.programme) == [SCEN]  # the baseline runs none
    with h5py.File(STUDY) as f:
        r = pt.iloc[0]
        assert close(r.completions, f["programmes/completions"][1, :, :, 0].sum(axis=1).mean())
        assert close(r.placements, f["programmes/placements"][1, :, :, 0].sum(axis=1).mean())
        assert close(r.participants_peak, f["programmes/participants"][1, :, :, 0].max(axis=1).mean())
        assert close(r.cost_gbp, f["programmes/cost"][1, :, :, 0].sum(axis=1).mean() / 100.0)
        assert r.type == labels(f, "programmes/programme_type")[0]
    assert r.cost_gbp > 0 and r.placements > 0
    assert programme_totals(load(ONLY)).empty


def case_plots_cli() -> None:
    out = TMP / "plots"
    r = subprocess.run([sys.executable, "-m", "cwb_analysis", "plots", str(STUDY), "-o", str(out)],
                       cwd=ROOT / "analysis", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for key in ("trajectories", "effects", "effect_over_time", "additionality", "money_flows", "lm3",
                "programmes"):
        for ext in ("png", "svg"):
            p = out / f"{key}.{ext}"
            assert p.is_file() and p.stat().st_size > 5000, p
    assert "skipped" not in r.stderr, r.stderr
    bad = subprocess.run([sys.executable, "-m", "cwb_analysis", "plots", str(TMP / "nope.h5")],
                         cwd=ROOT / "analysis", capture_output=True, text=True)
    assert bad.returncode == 2 and "no such results file" in bad.stderr


def case_baseline_only_file() -> None:
    res = load(ONLY)
    eff = effects_table(res)
    assert tables.effects_source(eff) == tables.SOURCE_FILE
    assert (eff[eff.source == tables.SOURCE_FILE].effect_mean == 0).all()
    assert summary.build(res) == []
    charts = {c.key: c for c in plots.all_charts(res, eff)}
    for key in ("effects", "effect_over_time", "additionality", "programmes"):
        assert charts[key].figure is None and charts[key].missing, key
    assert "only the baseline" in charts["additionality"].missing
    assert "no scenario" in charts["programmes"].missing
    for key in ("trajectories", "money_flows", "lm3"):
        assert charts[key].figure is not None, key


def case_missing_groups_are_explained() -> None:
    old = load(without(STUDY, ("additionality", "programmes")))
    charts = {c.key: c for c in plots.all_charts(old)}
    assert charts["additionality"].figure is None and "additionality" in charts["additionality"].missing
    assert charts["programmes"].figure is None and "programmes group" in charts["programmes"].missing


for name, fn in list(globals().items()):
    if name.startswith("case_") and callable(fn):
        check(name[5:], fn)
shutil.rmtree(TMP, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
