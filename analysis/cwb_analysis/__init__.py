"""cwb_analysis: read cwbsim results files, tabulate effects, draw charts, write a report.

    from cwb_analysis import load, indicators_table, effects_table
    res = load("results/baseline.h5")       # {group: xarray.Dataset} with .attrs (provenance)
    effects_table(res)                       # paired effects with 95% CIs, one row per
                                             # (scenario, indicator, month)
    value_table(res), additionality_table(res), programme_totals(res), totals_table(res)
Command line: python3 -m cwb_analysis plots RESULTS -o DIR | report RESULTS -o report.html
"""
from .results import Results, load
from .tables import (additionality_table, anchors_table, effects_table, indicators_table,
                     programme_totals, totals_table, value_table)

__all__ = ["Results", "load", "indicators_table", "anchors_table", "effects_table", "totals_table",
           "value_table", "additionality_table", "programme_totals"]
