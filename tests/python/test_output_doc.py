#!/usr/bin/python3
"""docs/output.md lists every group and variable of a fresh results file, and nothing that
is not in it (rows marked *planned* excepted), with the file's units.

usage: /usr/bin/python3 test_output_doc.py PATH_TO_CWBSIM REPO_ROOT
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py

CWBSIM, ROOT = Path(sys.argv[1]), Path(sys.argv[2])
out = Path(tempfile.mkdtemp()) / "r.h5"
subprocess.run([str(CWBSIM), "run", str(ROOT / "scenarios/baseline.yaml"), "--replicates", "1",
                "--months", "2", "-q", "-o", str(out)], check=True, stdout=subprocess.DEVNULL)

text = (ROOT / "docs/output.md").read_text()
documented: dict[tuple[str, str], str] = {}  # (group, variable) -> units, for non-planned rows
group = None
for line in text.splitlines():
    m = re.match(r"### `([a-z_]+)`", line)
    if m:
        group = m.group(1)
    if line.startswith("## Groups being added"):
        group = None
    row = re.match(r"\|\s*`([a-z_0-9]+)`\s*\|[^|]*\|\s*([^|]*?)\s*\|", line)
    if group and row and "*planned*" not in line:
        documented[(group, row.group(1))] = row.group(2)

in_file: dict[tuple[str, str], str] = {}
with h5py.File(out) as f:
    for g in f:
        for v, d in f[g].items():
            u = d.attrs.get("units", "")
            in_file[(g, v)] = u.decode() if isinstance(u, bytes) else str(u)

checks = [
    ("every variable of the file is documented", sorted(set(in_file) - set(documented))),
    ("every documented variable is in the file", sorted(set(documented) - set(in_file))),
    ("units match", sorted(k for k in set(in_file) & set(documented)
                           if documented[k] != in_file[k] and not in_file[k].startswith("days since"))),
]
failed = 0
for name, bad in checks:
    print(("ok   " if not bad else "FAIL ") + name + (f": {bad}" if bad else ""))
    failed += bool(bad)
print(f"{len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
