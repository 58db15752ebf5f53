"""What a scenario changes relative to the baseline, read from the resolved YAML in the file.

Why from the file and not from the scenario files on disk: the resolved YAML stored in group
`scenarios` is exactly what was run (after `extends:`), and it travels with the results.
"""
from __future__ import annotations

from typing import Any

import yaml

# Keys whose values are not policy: every scenario has its own name and title, and the run
# length and replicates are the study's (command-line options may override the YAML).
IGNORED = {"name", "title", "months", "replicates", "seed", "extends"}

# The assumptions that move results most, with plain words (for the report's table).
KEY_ASSUMPTIONS: list[tuple[str, str]] = [
    ("households.spending_shares.outside", "share of household spending made outside the area"),
    ("households.spending_shares.rent", "share of household spending that is rent"),
    ("households.local_landlord_share", "share of rent paid to landlords living in the area"),
    ("households.mpc_low_income", "share of extra income spent by low-income households"),
    ("households.mpc_high_income", "share of extra income spent by high-income households"),
    ("firms.local_input_share", "share of local businesses' supplies bought locally"),
    ("firms.resident_staff_share", "share of local businesses' staff who live in the area"),
    ("firms.local_owner_share", "share of local businesses owned by residents"),
    ("social_enterprises.resident_staff_share", "share of social enterprises' staff who live locally"),
    ("labour.separation_rate", "chance a job ends in a month"),
    ("labour.living_wage_monthly_gbp", "real Living Wage, full time (GBP per month)"),
    ("tax_benefit.claim_take_up", "share of eligible households claiming benefits"),
    ("population_churn.move_out_rate", "chance a household moves away in a month"),
    ("population_churn.move_out_income_gradient", "how much faster better-off households move away"),
]

PLAIN: dict[str, str] = {
    "local_procurement_share": "share of procurement spent with local firms",
    "social_enterprise_share": "share of procurement spent with local social enterprises",
    "procurement_share": "share of the budget spent on procurement",
    "resident_staff_share": "share of staff who live in the area",
    "local_recruitment_share": "share of vacancies offered to local residents first",
    "annual_budget_gbp": "annual budget",
    "staff": "staff",
    "mean_wage_gbp": "average monthly wage",
    "turnover_rate": "monthly staff turnover",
    "local_landlord_share": "share of rent paid to local landlords",
    "local_input_share": "share of supplies bought locally",
}


def parse(text: str) -> dict[str, Any]:
    """The resolved YAML as a dict ({} when empty or unreadable: the report then says so)."""
    try:
        data = yaml.safe_load(text) if text else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys; lists of named maps (anchors, programmes) are keyed by their `name`."""
    out: dict[str, Any] = {}
    if isinstance(node, dict):
        for k, v in node.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(node, list) and node and all(isinstance(x, dict) and "name" in x for x in node):
        for x in node:
            out.update(flatten(x, f"{prefix}[{x['name']}]"))
    else:
        out[prefix] = node
    return out


def differences(baseline: dict[str, Any], scenario: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(key, baseline value, scenario value) for every key that differs, in scenario order."""
    b, s = flatten(baseline), flatten(scenario)
    keys = list(s) + [k for k in b if k not in s]
    out = []
    for k in keys:
        if k.split(".")[0] in IGNORED or k.split("[")[0] in IGNORED:
            continue
        if b.get(k, "(not set)") != s.get(k, "(not set)"):
            out.append((k, b.get(k, "(not set)"), s.get(k, "(not set)")))
    return out


def fmt_value(key: str, value: Any) -> str:
    """Shares as percentages, money with GBP, the rest as written."""
    leaf = key.rsplit(".", 1)[-1]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if leaf.endswith("_gbp"):
        return f"GBP {value:,.2f}".replace(".00", "")
    if leaf.endswith("_share") or leaf.endswith("_rate") or "spending_shares" in key:
        return f"{value * 100:.3g}%"
    return f"{value:g}"


def describe(key: str, before: Any, after: Any, long_names: dict[str, str] | None = None) -> str:
    """One plain sentence for a change, e.g. 'Sandwell & West Birmingham Hospitals NHS Trust:
    share of procurement spent with local firms from 5% to 25%'."""
    leaf = key.rsplit(".", 1)[-1]
    who = ""
    if "[" in key:
        ident = key[key.index("[") + 1: key.index("]")]
        who = (long_names or {}).get(ident, ident) + ": "
    words = PLAIN.get(leaf, leaf.replace("_", " "))
    if before == "(not set)":
        return f"{who}{words} set to {fmt_value(key, after)} (new)"
    if after == "(not set)":
        return f"{who}{words} removed (was {fmt_value(key, before)})"
    return f"{who}{words} from {fmt_value(key, before)} to {fmt_value(key, after)}"


def programmes(scenario: dict[str, Any]) -> list[dict[str, Any]]:
    """The scenario's programme entries (type, name and their own keys)."""
    p = scenario.get("programmes") or []
    return [x for x in p if isinstance(x, dict)]
