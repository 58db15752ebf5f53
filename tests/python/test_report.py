#!/usr/bin/python3
"""The HTML report: generated from a small study by the command line, self-contained, with
its sections and figures, and with numbers in the text equal to the results file (recomputed
here with h5py and numpy, independently of cwb_analysis).

usage: /usr/bin/python3 test_report.py PATH_TO_CWBSIM REPO_ROOT
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import h5py
import numpy as np
import yaml

CWBSIM, ROOT = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
TMP = Path(tempfile.mkdtemp(prefix="cwb_report_test_"))
REPS, MONTHS = 3, 12
T975_DF2 = 4.302652729911275  # Student t, 97.5%, 2 degrees of freedom


def run(*args: str) -> None:
    subprocess.run([str(CWBSIM), "run", *args, "--replicates", str(REPS), "--months", str(MONTHS), "-q"],
                   check=True, stdout=subprocess.DEVNULL)


def report(results: Path, out: Path) -> str:
    r = subprocess.run([sys.executable, "-m", "cwb_analysis", "report", str(results), "-o", str(out)],
                       cwd=ROOT / "analysis", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out.read_text(encoding="utf-8")


base = yaml.safe_load((ROOT / "scenarios/baseline.yaml").read_text())
base["anchors"][0]["local_procurement_share"] = 0.25
base["anchors"][0]["local_recruitment_share"] = 0.3
(TMP / "alt.yaml").write_text(yaml.safe_dump(
    {"extends": str(ROOT / "scenarios/baseline.yaml"), "name": "hospital_local",
     "title": "Hospital buys and recruits locally", "anchors": base["anchors"]}, sort_keys=False))
STUDY, ONLY = TMP / "study.h5", TMP / "baseline.h5"
run(str(ROOT / "scenarios/baseline.yaml"), str(TMP / "alt.yaml"), "-o", str(STUDY))
run(str(ROOT / "scenarios/baseline.yaml"), "-o", str(ONLY))
HTML = report(STUDY, TMP / "report.html")
FACTS = {m.group(1): html.unescape(m.group(2))
         for m in re.finditer(r'data-fact="([^"]+)">([^<]*)</span>', HTML)}
passed = failed = 0


def check(name: str, fn) -> None:
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok   {name}")
    except Exception:  # noqa: BLE001
        failed += 1
        print(f"FAIL {name}")
        traceback.print_exc()


def case_sections_and_figures() -> None:
    for sid in ("summary", "charts", "effects", "assumptions", "provenance", "scenario-hospital_local"):
        assert f'id="{sid}"' in HTML, sid
    for fig in ("trajectories", "effects", "effect_over_time", "money_flows", "lm3"):
        assert re.search(rf'<figure id="fig-{fig}">.*?<img [^>]*src="data:image/png;base64,', HTML, re.S), fig
    for absent in ("additionality", "programmes"):  # no such data yet: said, not hidden
        assert re.search(rf'id="fig-{absent}">.*?class="unavailable">Not shown: ', HTML, re.S), absent
    assert "Value for money:</b> not available" in HTML
    assert "computed by this report" in HTML  # no effects group: the report says it computed them


def case_self_contained() -> None:
    assert "<script" not in HTML and "<link" not in HTML
    assert not re.search(r'(src|href)="(https?:)?//', HTML)


def case_summary_first() -> None:
    """The first screen: the scenario's card with what changed and the headline sentence."""
    first = HTML[: HTML.index('id="charts"')]
    assert "What changed" in first and "share of procurement spent with local firms from 5% to 25%" in first
    assert "more residents in work by December 2017" in first or "fewer residents in work" in first
    assert "95% confidence interval" in first and "Who gains" in first


def case_numbers_match_file() -> None:
    with h5py.File(STUDY) as f:
        e = f["indicators/employment_rate"][:, :, -1, -1]
        w = f["indicators/working_age_population"][:, :, -1, -1]
        u = f["indicators/unemployment_rate"][:, :, -1, -1]
        seed = int(f.attrs["seed"])
        first_emp = (f["indicators/employment_rate"][0, :, 0, -1]).mean()
    d = e[1] * w[1] - e[0] * w[0]
    half = T975_DF2 * d.std(ddof=1) / np.sqrt(REPS)
    want = f"{abs(d.mean()):,.0f}"
    assert FACTS["hospital_local:employed_residents:abs"] == want, (FACTS, want)
    assert FACTS["hospital_local:employed_residents:low"] == f"{d.mean() - half:,.0f}"
    assert FACTS["hospital_local:employed_residents:high"] == f"{d.mean() + half:,.0f}"
    du = (u[1] - u[0]) * 100
    hu = T975_DF2 * du.std(ddof=1) / np.sqrt(REPS)
    digits = 2 if max(abs(du.mean()), abs(du.mean() - hu)) < 1 else 1
    got = FACTS["hospital_local:unemployment_rate:mean"]
    assert abs(float(got) - du.mean()) <= 0.5 * 10 ** -digits + 1e-12, (got, du.mean())
    assert FACTS["baseline:employment_rate:start"] == f"{first_emp * 100:.1f}%"
    assert FACTS["provenance:seed"] == str(seed) and FACTS["replicates"] == str(REPS)


def case_baseline_only() -> None:
    text = report(ONLY, TMP / "only.html")
    assert "This file holds only the baseline" in text and 'id="provenance"' in text
    assert "Not shown: the results file holds only the baseline" in text


for name, fn in list(globals().items()):
    if name.startswith("case_") and callable(fn):
        check(name[5:], fn)
shutil.rmtree(TMP, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
