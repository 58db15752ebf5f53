#!/usr/bin/python3
"""analysis/R/plot_indicator.R runs on a small study and writes a PNG, where R and ncdf4 are
installed; otherwise it says it skipped (CI does not install R).

usage: /usr/bin/python3 test_analysis_r.py PATH_TO_CWBSIM REPO_ROOT
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CWBSIM, ROOT = Path(sys.argv[1]), Path(sys.argv[2])
rscript = shutil.which("Rscript")
if not rscript or subprocess.run([rscript, "-e", "library(ncdf4)"], capture_output=True).returncode:
    print("skipped: Rscript with ncdf4 not installed")
    print("0 passed, 0 failed")
    sys.exit(0)
tmp = Path(tempfile.mkdtemp())
subprocess.run([str(CWBSIM), "run", str(ROOT / "scenarios/baseline.yaml"), "--replicates", "2",
                "--months", "6", "-q", "-o", str(tmp / "r.h5")], check=True, stdout=subprocess.DEVNULL)
r = subprocess.run([rscript, str(ROOT / "analysis/R/plot_indicator.R"), str(tmp / "r.h5"),
                    "employment_rate", str(tmp / "e.png")], capture_output=True, text=True)
ok = r.returncode == 0 and (tmp / "e.png").is_file() and (tmp / "e.png").stat().st_size > 1000
print(("ok   " if ok else "FAIL ") + "plot_indicator.R" + ("" if ok else f": {r.stderr}"))
print(f"{int(ok)} passed, {int(not ok)} failed")
sys.exit(0 if ok else 1)
