#!/usr/bin/python3
"""The effects and value_for_money groups open in xarray with labelled dimensions; a scenario
that differs from the baseline only in the hospital's local procurement share shows the +20
point change exactly, and the baseline's own rows are zero.

usage: /usr/bin/python3 test_effects_xarray.py PATH_TO_CWBSIM REPO_ROOT
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import xarray as xr

CWBSIM, ROOT = Path(sys.argv[1]), Path(sys.argv[2])
work = Path(tempfile.mkdtemp())
base = (ROOT / "scenarios/baseline.yaml").read_text()
base = base.replace("zones_file: data/", f"zones_file: {ROOT}/scenarios/data/")
policy = base.replace("name: baseline\n", "name: hospital_buys_local\n", 1).replace(
    "local_procurement_share: 0.05  # [U] Preston-like baseline", "local_procurement_share: 0.25", 1)
assert policy != base
(work / "base.yaml").write_text(base.replace("population_scale: 1.0", "population_scale: 0.05"))
(work / "policy.yaml").write_text(policy.replace("population_scale: 1.0", "population_scale: 0.05"))
out = work / "r.h5"
subprocess.run([str(CWBSIM), "run", str(work / "base.yaml"), str(work / "policy.yaml"), "--months", "6",
                "--replicates", "2", "-q", "-o", str(out)], check=True, stdout=subprocess.DEVNULL)

failed = 0


def check(name, ok):
    global failed
    print(("ok   " if ok else "FAIL ") + name)
    failed += not ok


eff = xr.open_dataset(out, engine="h5netcdf", group="effects")
check("effects: labelled scenario, indicator, anchor_indicator, anchor, statistic",
      list(eff.scenario.values) == ["baseline", "hospital_buys_local"]
      and "employment_rate" in list(eff.indicator.values) and "lm3" in list(eff.anchor_indicator.values)
      and list(eff.statistic.values)[:3] == ["mean", "ci_low", "ci_high"])
check("effects: month decodes to dates", np.issubdtype(eff.month.dtype, np.datetime64))
check("effect_mean over (scenario, indicator, month)", eff.effect_mean.dims == ("scenario", "indicator", "month"))
check("baseline rows are exactly zero",
      all(float(abs(eff[v].sel(scenario="baseline")).max()) == 0.0
          for v in ["effect_mean", "effect_ci_low", "effect_ci_high", "anchor_effect_mean"]))
share = eff.anchor_effect_mean.sel(scenario="hospital_buys_local", anchor_indicator="local_procurement_share",
                                   anchor="swbh_nhs_trust")
check("hospital's local procurement share +0.20 every month", bool(np.allclose(share.values, 0.20)))
check("indicator_units labelled", eff.indicator_units.sel(indicator="median_equivalised_income").item() == "GBP year-1")
check("cumulative effects carry units", eff.local_income_gain_pv.attrs.get("units") == "GBP")
vfm = xr.open_dataset(out, engine="h5netcdf", group="value_for_money")
check("value_for_money: sroi NaN without programme costs",
      bool(np.isnan(vfm.sroi.sel(scenario="hospital_buys_local", statistic="mean").item())))
check("value_for_money: HACT source recorded", "HACT" in vfm.attrs.get("hact_source", ""))
print(f"{failed} failed")
sys.exit(1 if failed else 0)
