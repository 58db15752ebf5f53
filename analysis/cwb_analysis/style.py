"""How things are shown: plain-language labels, units, number formats and the palette.

Why one module: the plots and the report must call an indicator the same thing, in the same
unit, everywhere; a funder reading "percentage points" in a chart and "%" in the text for the
same number would rightly lose trust.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import names as N

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Black is kept for
# the baseline so the reference is always the same colour.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442"]
BASELINE_COLOUR = "#000000"
GREY = "#777777"
BASELINE_BAR = "#9a9a9a"  # black bars would hide their black error bars


def bar_colour(colour: str) -> str:
    return BASELINE_BAR if colour == BASELINE_COLOUR else colour


def scenario_colours(scenarios: list[str], baseline: str) -> dict[str, str]:
    """Baseline black, the others Okabe-Ito in study order (cycled past seven)."""
    out, i = {}, 0
    for s in scenarios:
        if s == baseline:
            out[s] = BASELINE_COLOUR
        else:
            out[s] = OKABE_ITO[i % len(OKABE_ITO)]
            i += 1
    return out


@dataclass(frozen=True)
class Measure:
    """How one indicator is shown. `kind`: share (shown x100 as %; effects in percentage
    points), money (GBP), count (whole numbers) or index (dimensionless, 2-3 decimals)."""
    label: str            # plain words, for a funder
    kind: str
    unit: str             # for levels, on axes
    higher_is_better: bool | None = True


MEASURES: dict[str, Measure] = {
    N.EMPLOYED_RESIDENTS: Measure("residents in work", "count", "people"),
    N.EMPLOYED_AT_BASE_POP: Measure("residents in work (at the baseline's population)", "count", "people"),
    N.EMPLOYMENT_RATE: Measure("employment rate", "share", "% of working-age residents"),
    N.UNEMPLOYMENT_RATE: Measure("unemployment rate", "share", "% of economically active", False),
    N.INACTIVITY_RATE: Measure("economic inactivity", "share", "% of working-age residents", None),
    N.CLAIMANT_RATE: Measure("claimant rate", "share", "% of working-age residents", False),
    N.MEDIAN_INCOME: Measure("median household income (equivalised)", "money", "GBP per person per year"),
    N.MEAN_INCOME: Measure("mean household income (equivalised)", "money", "GBP per person per year"),
    N.POVERTY_RATE: Measure("people in poverty", "share", "% of people", False),
    N.GINI: Measure("income inequality (Gini)", "index", "Gini coefficient (0-1)", False),
    N.LOCAL_SPEND_SHARE: Measure("household spending kept local", "share", "% of consumption"),
    N.FIRMS: Measure("local businesses", "count", "businesses"),
    N.SOCIAL_ENTERPRISES: Measure("social enterprises", "count", "social enterprises"),
    N.SE_JOBS: Measure("jobs in social enterprises", "count", "jobs"),
    N.WORKING_AGE: Measure("working-age residents", "count", "people", None),
    N.FIRM_JOBS: Measure("jobs in local businesses", "count", "jobs"),
    N.ENGAGEMENT: Measure("community engagement", "index", "engagement index"),
    N.LM3: Measure("Local Multiplier 3", "index", "GBP of local spending per GBP 1 spent"),
    N.LOCAL_PROCUREMENT_SHARE: Measure("procurement spent locally", "share", "% of procurement"),
    N.LOCAL_WORKFORCE_SHARE: Measure("staff living locally", "share", "% of staff"),
    N.ANCHOR_SE_SHARE: Measure("procurement with social enterprises", "share", "% of procurement"),
    N.LOCAL_HIRES: Measure("local hires", "count", "hires per month"),
}


def measure(name: str, units: str = "") -> Measure:
    """The display rule for an indicator; unknown ones are shown as they are, with their units."""
    if name in MEASURES:
        return MEASURES[name]
    return Measure(name.replace("_", " "), "share" if units == "1" and "share" in name else "plain",
                   units or "")


def level_scale(name: str) -> float:
    return 100.0 if measure(name).kind == "share" else 1.0


def effect_unit(name: str) -> str:
    m = measure(name)
    return {"share": "percentage points", "money": "GBP per person per year" if "income" in name
            else "GBP", "count": m.unit}.get(m.kind, m.unit)


def axis_label(name: str) -> str:
    m = measure(name)
    return f"{m.label} ({m.unit})" if m.unit else m.label


def fmt_number(x: float, digits: int = 0) -> str:
    """Thousands separators, fixed decimals; 'n/a' for NaN; never '-0'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    text = f"{x:,.{digits}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def effect_digits(name: str, magnitude: float) -> int:
    m = measure(name)
    if m.kind == "share":
        return 2 if magnitude < 1 else 1
    if m.kind == "index":
        return 3
    if m.kind == "money":
        return 0
    return 0 if magnitude >= 10 else 1


def fmt_effect(name: str, value: float, low: float, high: float) -> tuple[str, str, str]:
    """Effect and CI ends as display strings in the effect unit (pp for shares)."""
    s = level_scale(name)
    d = effect_digits(name, max(abs(value * s), abs(low * s) if not math.isnan(low) else 0))
    return fmt_number(value * s, d), fmt_number(low * s, d), fmt_number(high * s, d)


def fmt_level(name: str, value: float) -> str:
    m = measure(name)
    s = level_scale(name)
    if m.kind == "share":
        return f"{value * s:.1f}%"
    if m.kind == "money":
        return "GBP " + fmt_number(value)
    if m.kind == "index":
        return f"{value:.2f}"
    return fmt_number(value)


def fmt_count(x: float) -> str:
    """Whole people (or jobs, completions) for a reader: 1,234; 'n/a' for NaN; never '-0'."""
    return fmt_number(x, 0)


def fmt_gbp(x: float) -> str:
    """Money for people: GBP 1.2 million, GBP 350,000, GBP 12."""
    if math.isnan(x):
        return "n/a"
    a = abs(x)
    if a >= 1e9:
        return f"GBP {x / 1e9:,.2f} billion"
    if a >= 1e6:
        return f"GBP {x / 1e6:,.1f} million"
    return f"GBP {x:,.0f}"
