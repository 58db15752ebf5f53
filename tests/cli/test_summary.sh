#!/usr/bin/env bash
# cwbsim summary: golden table of a synthetic results file, CSV and JSON, another --baseline,
# exit code 2 for bad input, and a study of the baseline against itself giving exact zeros.
# Regenerate the golden file after an intended change of the report:
#   /usr/bin/python3 tests/cli/fixtures/summary/make_fixture.py /tmp/fx.h5 &&
#   cwbsim summary /tmp/fx.h5 > tests/cli/fixtures/summary/table.golden
set -u
source "$(dirname "$0")/lib.sh" "$@"

FIXTURES="$REPO/tests/cli/fixtures/summary"
FX="$WORK/fixture.h5"
check "write the synthetic results file (xarray, h5netcdf)"
if ! /usr/bin/python3 "$FIXTURES/make_fixture.py" "$FX" >"$WORK/py" 2>&1; then
  fail "make_fixture.py failed: $(tail -3 "$WORK/py")"
  finish
fi
pass "fixture written"

check "summary table matches the golden file"
cwb summary "$FX"
expect_rc 0 "summary"
if diff -u "$FIXTURES/table.golden" "$WORK/out" >"$WORK/diff"; then pass "table identical to table.golden"
else fail "table differs from table.golden:"; sed 's/^/    /' "$WORK/diff" | head -40; fi

check "summary is deterministic (no time stamps)"
cp "$WORK/out" "$WORK/first"
cwb summary "$FX" --format table
if cmp -s "$WORK/first" "$WORK/out"; then pass "two summaries are identical"; else fail "summaries differ"; fi

check "--format csv"
cwb summary "$FX" --format csv
expect_rc 0 "csv"
expect_in "$WORK/out" "scenario,baseline,horizon,measure,units,effect,ci_low,ci_high,unpaired_ci_low,unpaired_ci_high" "csv header"
expect_in "$WORK/out" "training,baseline,2018-01,employed_residents_gain_at_horizon,1,110," "residents in work row"
expect_in "$WORK/out" "training,baseline,2018-01,programme_costs,GBP,1300000,1300000,1300000,," "programme costs row"
expect_in "$WORK/out" "training,baseline,2018-01,additionality.training.net_at_horizon,1,70,50,90,," "additionality row"
expect_in "$WORK/out" "training,baseline,2018-01,employment_gain_at_baseline_population,1,110," "baseline-population row"

check "additionality is shown only against the baseline it was measured with"
cwb summary "$FX" --baseline training
expect_in "$WORK/out" "Additionality was measured against the study's baseline only" "note instead of figures"

check "--format json parses and holds the sentence"
cwb summary "$FX" --format json
expect_rc 0 "json"
if /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["scenarios"][0]
assert d["baseline"] == "baseline" and d["horizon"] == "2018-01" and d["replicates"] == 3, d
assert s["name"] == "training" and s["sentence"].startswith("training: 110 more residents in work"), s
m = {x["measure"]: x for x in s["measures"]}
assert m["sroi"]["effect"] > 0 and m["employment_person_months_gain"]["effect"] == 1430, m
' "$WORK/out" 2>"$WORK/err"; then pass "json content"; else fail "json content"; fi

check "--baseline training compares the other way round"
cwb summary "$FX" --baseline training
expect_rc 0 "--baseline training"
expect_in "$WORK/out" "baseline: 110 fewer residents in work by 2018-01 (95% CI -135 to -85)" "reversed sentence"

check "bad input exits 2"
cwb summary "$FX" --baseline nosuch
expect_rc 2 "unknown --baseline"
expect_in "$WORK/err" "unknown baseline scenario 'nosuch'; the file holds: baseline, training" "names the scenarios"
cwb summary "$WORK/missing.h5"
expect_rc 2 "missing file"
expect_error_prefix "missing file"
echo "not hdf5" >"$WORK/text.h5"
cwb summary "$WORK/text.h5"
expect_rc 2 "not an HDF5 file"
/usr/bin/python3 -c 'import xarray as xr, sys; xr.Dataset(attrs={"title": "x"}).to_netcdf(sys.argv[1], engine="h5netcdf")' "$WORK/foreign.h5"
cwb summary "$WORK/foreign.h5"
expect_rc 2 "HDF5 file without format_version"
expect_in "$WORK/err" "format_version" "says what is missing"
cwb summary "$FX" --format xml
expect_rc 2 "unknown --format"

check "the baseline against itself under another name: exactly zero, zero-width paired CIs"
sed -e 's/^name: baseline$/name: baseline_copy/' -e "s|^zones_file: data/|zones_file: $REPO/scenarios/data/|" \
  "$REPO/scenarios/baseline.yaml" >"$WORK/copy.yaml"
cwb run "$REPO/scenarios/baseline.yaml" "$WORK/copy.yaml" --months 24 --replicates 3 -q -o "$WORK/self.h5"
expect_rc 0 "run baseline and its copy"
cwb summary "$WORK/self.h5" --format csv
expect_rc 0 "summary csv"
# Columns 6-8 (effect, paired bounds) are 0 on every row except the ratios (SROI, cost per job,
# additionality shares), which are empty.
bad=$(awk -F, 'NR > 1 && $4 != "sroi" && $4 != "cost_per_net_additional_job" && $4 !~ /_share_/ && ($6 != "0" || $7 != "0" || $8 != "0")' "$WORK/out")
if [ -z "$bad" ]; then pass "every effect and paired bound is 0"; else fail "non-zero rows: $bad"; fi
cwb summary "$WORK/self.h5"
expect_in "$WORK/out" "baseline_copy: no change in residents in work by 2018-12 (95% CI 0 to 0)" "sentence"
expect_in "$WORK/out" "all programmes: net additional at horizon" "additionality of a scenario without programmes"

check "cwbsim run --baseline NAME: the named scenario is the baseline whatever its place"
cwb run "$WORK/copy.yaml" "$REPO/scenarios/baseline.yaml" --baseline baseline --months 3 --replicates 2 -q -o "$WORK/named.h5"
expect_rc 0 "run with --baseline"
cwb summary "$WORK/named.h5"
expect_in "$WORK/out" "against the baseline 'baseline'" "the file's baseline is the named one"
expect_in "$WORK/out" "Scenario baseline_copy" "the other scenario is compared"
cwb run "$WORK/copy.yaml" "$REPO/scenarios/baseline.yaml" --baseline nosuch --months 3 -q -o "$WORK/bad.h5"
expect_rc 2 "unknown --baseline"
expect_in "$WORK/err" "--baseline: no scenario named 'nosuch'" "names the problem"

finish
