"""Command line: `python3 -m cwb_analysis plots RESULTS -o DIR` and `... report RESULTS -o FILE`.

Why a module entry point and not an installed script: the project installs nothing outside
Debian packages; `PYTHONPATH=analysis python3 -m cwb_analysis` works from a checkout.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m cwb_analysis",
                                     description="Charts and an HTML report from a cwbsim results file.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plots", help="write every chart as PNG and SVG into a directory")
    p.add_argument("results", type=Path)
    p.add_argument("-o", "--output", type=Path, default=Path("plots"))
    r = sub.add_parser("report", help="write a self-contained HTML report")
    r.add_argument("results", type=Path)
    r.add_argument("-o", "--output", type=Path, default=Path("report.html"))
    t = sub.add_parser("effects", help="print the effects at the horizon as CSV")
    t.add_argument("results", type=Path)
    args = parser.parse_args(argv)
    if not args.results.is_file():
        print(f"cwb_analysis: error: no such results file: {args.results}", file=sys.stderr)
        return 2
    try:
        if args.command == "plots":
            from . import plots, tables
            from .results import load
            res = load(args.results)
            charts = plots.all_charts(res, tables.effects_table(res))
            for path in plots.save(charts, args.output):
                print(path)
            for c in charts:
                if c.figure is None:
                    print(f"skipped {c.key}: {c.missing}", file=sys.stderr)
        elif args.command == "report":
            from .report import write
            print(write(args.results, args.output))
        else:
            from . import tables
            from .results import load
            tables.effects_at(tables.effects_table(load(args.results))).to_csv(sys.stdout, index=False)
    except (OSError, ValueError) as exc:
        print(f"cwb_analysis: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
