#!/usr/bin/python3
"""Tests of analysis/cwb_analysis: loading, tidy tables, paired effects, charts, and the
handling of the effects / value_for_money / programmes groups (synthetic copies here, so the
test does not wait for those groups to be written by cwbsim).

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
import yaml

CWBSIM, ROOT = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
sys.path.insert(0, str(ROOT / "analysis"))
from cwb_analysis import effects_table, indicators_table, load  # noqa: E402
from cwb_analysis import plots, summary, tables  # noqa: E402
from cwb_analysis.stats import paired_effect, t_quantile  # noqa: E402

TMP = Path(tempfile.mkdtemp(prefix="cwb_analysis_test_"))
REPS, MONTHS = 3, 12


def make_study() -> Path:
    """baseline + a scenario whose hospital buys and recruits locally (3 x 12 months)."""
    base = yaml.safe_load((ROOT / "scenarios/baseline.yaml").read_text())
    anchors = base["anchors"]
    anchors[0]["local_procurement_share"] = 0.25
    anchors[0]["local_recruitment_share"] = 0.3
    alt = {"extends": str(ROOT / "scenarios/baseline.yaml"), "name": "hospital_local",
           "title": "Hospital buys and recruits locally", "anchors": anchors}
    (TMP / "alt.yaml").write_text(yaml.safe_dump(alt, sort_keys=False))
    out = TMP / "study.h5"
    subprocess.run([str(CWBSIM), "run", str(ROOT / "scenarios/baseline.yaml"), str(TMP / "alt.yaml"),
                    "--replicates", str(REPS), "--months", str(MONTHS), "-q", "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return out


STUDY = make_study()
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


def case_load() -> None:
    res = load(STUDY)
    for g in ("indicators", "anchors", "accounts", "scenarios"):
        assert g in res, g
    ind = res["indicators"]
    assert list(ind["employment_rate"].dims) == ["scenario", "replicate", "month", "zone"]
    assert np.issubdtype(ind["month"].dtype, np.datetime64)
    assert res.scenarios == ["baseline", "hospital_local"] and res.baseline == "baseline"
    assert int(res.attrs["seed"]) == 20170101 and int(res.attrs["replicates"]) == REPS


def case_indicators_table() -> None:
    res = load(STUDY)
    df = indicators_table(res)
    nvars = sum(1 for v in res["indicators"].data_vars.values() if "replicate" in v.dims)
    assert len(df) == nvars * 2 * REPS * MONTHS * 7, len(df)
    with h5py.File(STUDY) as f:
        raw = f["indicators/poverty_rate"][1, 2, 5, 6]
    row = df[(df.indicator == "poverty_rate") & (df.scenario == "hospital_local") & (df.replicate == 2)
             & (df.zone == "all")].sort_values("month").iloc[5]
    assert row.value == raw and row.units == "1"


def case_t_quantile() -> None:
    for df, want in ((1, 12.706204736), (2, 4.302652730), (4, 2.776445105), (30, 2.042272456)):
        assert abs(t_quantile(0.975, df) - want) < 1e-8, (df, t_quantile(0.975, df))


def case_paired_by_hand() -> None:
    m, lo, hi = paired_effect(np.array([3.0, 5.0, 7.0]), np.array([1.0, 2.0, 3.0]))
    d = np.array([2.0, 3.0, 4.0])  # mean 3, sd 1
    half = 4.302652729911275 / np.sqrt(3)
    assert m == 3 and abs(lo - (3 - half)) < 1e-9 and abs(hi - (3 + half)) < 1e-9, (m, lo, hi, d)


def case_effects_match_file() -> None:
    res = load(STUDY)
    eff = tables.effects_at(effects_table(res))
    with h5py.File(STUDY) as f:
        e = f["indicators/employment_rate"][:, :, -1, -1]
        w = f["indicators/working_age_population"][:, :, -1, -1]
    d = e[1] * w[1] - e[0] * w[0]
    half = 4.302652729911275 * d.std(ddof=1) / np.sqrt(REPS)
    row = eff[(eff.scenario == "hospital_local") & (eff.indicator == "employed_residents")].iloc[0]
    assert abs(row.effect_mean - d.mean()) < 1e-6 and abs(row.effect_ci_low - (d.mean() - half)) < 1e-6
    base = eff[eff.scenario == "baseline"]
    assert (base.effect_mean == 0).all() and (base.effect_ci_low == 0).all()
    assert set(eff.source) == {tables.SOURCE_REPORT}


def case_plots_cli() -> None:
    out = TMP / "plots"
    r = subprocess.run([sys.executable, "-m", "cwb_analysis", "plots", str(STUDY), "-o", str(out)],
                       cwd=ROOT / "analysis", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for key in ("trajectories", "effects", "effect_over_time", "money_flows", "lm3"):
        for ext in ("png", "svg"):
            p = out / f"{key}.{ext}"
            assert p.is_file() and p.stat().st_size > 5000, p
    assert "skipped additionality" in r.stderr and "skipped programmes" in r.stderr, r.stderr
    bad = subprocess.run([sys.executable, "-m", "cwb_analysis", "plots", str(TMP / "nope.h5")],
                         cwd=ROOT / "analysis", capture_output=True, text=True)
    assert bad.returncode == 2 and "no such results file" in bad.stderr


def add_synthetic_groups(src: Path) -> Path:
    """A copy of the study with effects, value_for_money and programmes groups in the layout
    of issues 3 and 4 (numbers made up, recognisable: 111, 2.5, ...)."""
    dst = TMP / "with_groups.h5"
    shutil.copy(src, dst)
    ind = xr.open_dataset(src, engine="h5netcdf", group="indicators").load()
    names = [v for v in ind.data_vars]
    sc, mo = ind["scenario"].values, ind["month"].values
    shape = (len(sc), len(names), len(mo))
    eff = xr.Dataset(coords={"scenario": sc, "indicator": np.array(names, dtype=object), "month": mo})
    for v in ("effect_mean", "effect_ci_low", "effect_ci_high", "unpaired_ci_low", "unpaired_ci_high"):
        x = np.zeros(shape)
        x[1] = {"effect_mean": 0.01, "effect_ci_low": 0.005, "effect_ci_high": 0.015}.get(v, 0.02)
        eff[v] = (("scenario", "indicator", "month"), x, {"long_name": v})
    eff["indicator_units"] = (("indicator",), np.array([ind[n].attrs["units"] for n in names], dtype=object),
                              {"long_name": "units"})
    stat = np.array(["mean", "ci_low", "ci_high", "unpaired_ci_low", "unpaired_ci_high"], dtype=object)
    eff = eff.assign_coords(statistic=stat)
    eff["employment_person_months_gain"] = (("scenario", "statistic"), np.array([[0] * 5, [1111, 900, 1300, 0, 2000]], float),
                                            {"long_name": "person-months of employment gained", "units": "1"})
    eff.to_netcdf(dst, mode="a", group="effects", engine="h5netcdf")
    vfm = xr.Dataset(coords={"scenario": sc, "statistic": np.array(["mean", "ci_low", "ci_high"], dtype=object)})
    vfm["sroi"] = (("scenario", "statistic"), np.array([[np.nan] * 3, [2.5, 1.75, 3.25]]),
                   {"long_name": "social return on investment", "units": "1"})
    vfm["cost_per_net_additional_job"] = (("scenario", "statistic"), np.array([[np.nan] * 3, [12345.0, 9000.0, 20000.0]]),
                                          {"long_name": "cost per net additional job", "units": "GBP"})
    vfm.to_netcdf(dst, mode="a", group="value_for_money", engine="h5netcdf")
    prog = xr.Dataset(coords={"scenario": sc, "replicate": ind["replicate"].values, "month": mo,
                              "programme": np.array(["skills"], dtype=object)})
    shp = (len(sc), REPS, len(mo), 1)
    for v, val in (("participants", 20), ("completions", 10), ("placements", 5), ("cost", 1_000_000)):
        x = np.zeros(shp, dtype=np.int64)
        x[1] = val
        prog[v] = (("scenario", "replicate", "month", "programme"), x,
                   {"long_name": v, "units": "pence" if v == "cost" else "1"})
    prog.to_netcdf(dst, mode="a", group="programmes", engine="h5netcdf")
    return dst


def case_optional_groups() -> None:
    path = add_synthetic_groups(STUDY)
    res = load(path)
    assert {"effects", "value_for_money", "programmes"} <= set(res)
    eff = effects_table(res)
    er = eff[(eff.indicator == "employment_rate") & (eff.scenario == "hospital_local")]
    assert set(er.source) == {tables.SOURCE_FILE} and abs(er.effect_mean.iloc[-1] - 0.01) < 1e-12
    assert set(eff[eff.indicator == "employed_residents"].source) == {tables.SOURCE_REPORT}
    s = summary.build(res, eff)[0]
    labels = [v["label"] for v in s.value]
    assert labels[0].startswith("social return") and s.value[0]["mean"] == 2.5, s.value
    assert s.totals and s.totals[0]["mean"] == 1111, s.totals
    charts = {c.key: c for c in plots.all_charts(res, eff)}
    assert charts["programmes"].figure is not None, charts["programmes"].missing


def case_missing_groups_are_explained() -> None:
    res = load(STUDY)
    charts = {c.key: c for c in plots.all_charts(res)}
    assert charts["additionality"].figure is None and "additionality" in charts["additionality"].missing
    assert charts["programmes"].figure is None and charts["programmes"].missing
    s = summary.build(res)[0]
    assert not s.value and "no programme costs" in s.value_missing


for name, fn in list(globals().items()):
    if name.startswith("case_") and callable(fn):
        check(name[5:], fn)
shutil.rmtree(TMP, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
