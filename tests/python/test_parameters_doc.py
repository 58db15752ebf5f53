#!/usr/bin/python3
"""docs/parameters.md lists exactly the keys of the scenario schema.

The schema's keys are parsed from the field tables of sim/scenario/validate.cpp and
sim/scenario/programme_schema.cpp (`{"key", reader(...)}`); the document's keys are every
identifier in the first column of its tables (`households.spending_shares.rent` gives
households, spending_shares, rent; `programmes[skills_matching].uptake` gives programmes,
skills_matching, uptake). A key in one and not the other fails, naming it.

usage: /usr/bin/python3 test_parameters_doc.py PATH_TO_CWBSIM REPO_ROOT
"""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[2])
SCHEMA = ["sim/scenario/validate.cpp", "sim/scenario/programme_schema.cpp"]
FIELD = re.compile(r'\{\{?"([a-z_0-9]+)",\s*(?:[a-z_]+\(|\[|nothing)')


def code_keys() -> set[str]:
    keys = set()
    for f in SCHEMA:
        p = ROOT / f
        if p.is_file():
            keys |= set(FIELD.findall(p.read_text()))
    return keys


def doc_keys() -> set[str]:
    keys = set()
    for line in (ROOT / "docs/parameters.md").read_text().splitlines():
        m = re.match(r"\|\s*`([^`]+)`\s*\|", line)
        if m:
            keys |= set(re.findall(r"[a-z_0-9]+", m.group(1)))
    return keys


code, doc = code_keys(), doc_keys()
results = [
    ("schema parsed", len(code) > 50, f"only {len(code)} keys parsed from {SCHEMA}"),
    ("every schema key documented", not (code - doc), f"missing from docs/parameters.md: {sorted(code - doc)}"),
    ("every documented key exists", not (doc - code), f"in docs/parameters.md but not in the schema: {sorted(doc - code)}"),
]
failed = 0
for name, ok, why in results:
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {why}"))
    failed += not ok
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
