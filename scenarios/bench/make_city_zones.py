#!/usr/bin/python3
"""Writes city_1m_zones.csv: a synthetic city of 40 wards and 1,000,000 working-age residents for
the benchmarks. Each ward varies the six USE-IT! wards' rates (scenarios/data/use_it_zones.csv)
by a fixed pseudo-random amount; households, firms and social enterprises keep the USE-IT!
ratios per working-age resident. Deterministic: rerunning gives the same file."""
import csv
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent
WARDS = 40
TOTAL = 1_000_000

rng = random.Random(20170101)
with open(HERE.parent / "data" / "use_it_zones.csv", newline="") as f:
    template = list(csv.DictReader(f))
fields = [k for k in template[0].keys()]

# Ward sizes between 15k and 35k working-age residents, scaled to sum exactly to TOTAL.
raw = [rng.uniform(15000, 35000) for _ in range(WARDS)]
sizes = [int(r * TOTAL / sum(raw)) for r in raw]
sizes[-1] += TOTAL - sum(sizes)

rows = []
for w in range(WARDS):
    t = template[w % len(template)]
    wa = sizes[w]
    ratio = int(t["working_age"]) / int(t["households"])  # working-age adults per household
    jitter = lambda x, spread=0.1: float(x) * rng.uniform(1 - spread, 1 + spread)
    employment = min(0.75, jitter(t["employment_rate"]))
    unemployment = min(0.2, jitter(t["unemployment_rate"]))
    skills = [jitter(t[k], 0.15) for k in ("skill_none", "skill_l1", "skill_l2", "skill_l3", "skill_l4")]
    skills = [round(s / sum(skills), 3) for s in skills]
    skills[-1] = round(1 - sum(skills[:-1]), 3)
    rows.append({
        "zone": f"Ward {w + 1:02d}",
        "working_age": wa,
        "households": round(wa / ratio),
        "children_per_household": round(jitter(t["children_per_household"]), 2),
        "employment_rate": round(employment, 3),
        "unemployment_rate": round(unemployment, 3),
        "claimant_rate": round(min(unemployment, jitter(t["claimant_rate"])), 3),
        "skill_none": skills[0], "skill_l1": skills[1], "skill_l2": skills[2],
        "skill_l3": skills[3], "skill_l4": skills[4],
        "overseas_qualified_share": t["overseas_qualified_share"],
        "outside_work_share": round(min(0.6, jitter(t["outside_work_share"])), 3),
        "firms": round(int(t["firms"]) * wa / int(t["working_age"])),
        "social_enterprises": round(int(t["social_enterprises"]) * wa / int(t["working_age"])),
        "imd_score": round(jitter(t["imd_score"]), 1),
        "source": f"synthetic benchmark ward, varied from the USE-IT! ward {t['zone']} (make_city_zones.py)",
    })
with open(HERE / "city_1m_zones.csv", "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
print(f"{WARDS} wards, {sum(r['working_age'] for r in rows)} working-age residents, "
      f"{sum(r['households'] for r in rows)} households, {sum(r['firms'] for r in rows)} firms")
