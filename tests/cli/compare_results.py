#!/usr/bin/python3
"""Bitwise comparison of two cwbsim results files: every dataset of every group and every
attribute except the root provenance attributes (threads, ranks, created, history, command_line).

Usage: compare_results.py A.h5 B.h5 [--expect-different]
Exit 0 when identical (or, with --expect-different, when some dataset differs)."""
import sys

import h5py
import numpy as np

# Root attributes that record how and when a file was made, not what it holds.
PROVENANCE = {"threads", "ranks", "created", "history", "command_line"}


def as_bytes(value):
    array = np.asarray(value)
    if array.dtype.kind == "O":  # variable-length strings
        return repr([v if isinstance(v, bytes) else str(v).encode() for v in array.ravel()]).encode()
    return array.dtype.str.encode() + repr(array.shape).encode() + array.tobytes()


def collect(path):
    """{name: bytes} for every dataset and every attribute (root provenance excepted)."""
    items = {}
    with h5py.File(path, "r") as f:
        for key, value in f.attrs.items():
            if key not in PROVENANCE:
                items["/@" + key] = as_bytes(value)

        def visit(name, obj):
            for key, value in obj.attrs.items():
                if key in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    continue  # object references: addresses in the file, not data
                items["/" + name + "@" + key] = as_bytes(value)
            if isinstance(obj, h5py.Dataset):
                items["/" + name] = as_bytes(obj[()])

        f.visititems(visit)
    return items


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    expect_different = "--expect-different" in sys.argv
    a, b = collect(args[0]), collect(args[1])
    differences = sorted(set(a) ^ set(b)) + sorted(k for k in set(a) & set(b) if a[k] != b[k])
    datasets = sum(1 for k in a if "@" not in k)
    if expect_different:
        if differences:
            print(f"differ as expected in {len(differences)} of {len(a)} items")
            return 0
        print(f"FAIL: {args[0]} and {args[1]} are identical; expected them to differ")
        return 1
    if differences:
        print(f"FAIL: {len(differences)} item(s) differ: " + ", ".join(differences[:10]))
        return 1
    print(f"identical: {datasets} datasets and {len(a) - datasets} attributes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
