#!/usr/bin/python3
"""Check that a cwbsim results file reads cleanly with Debian's xarray/h5netcdf and h5py.

Usage: /usr/bin/python3 read_check.py RESULTS.h5
Opens every group with xr.open_dataset(engine="h5netcdf", group=...) with warnings turned
into errors, and checks labels, string decoding, dates, int64 and dimension scales.
Prints "OK <n> groups" and exits 0, or prints the problems and exits 1.
"""
import sys
import warnings

import h5py
import numpy as np
import xarray as xr


def group_paths(h5file):
    """The root ("/") and every group below it, in file order."""
    paths = ["/"]
    h5file.visit(lambda name: paths.append("/" + name) if isinstance(h5file[name], h5py.Group) else None)
    return paths


def check_attrs(where, attrs, problems):
    for key, value in attrs.items():
        if isinstance(value, bytes) or (isinstance(value, np.ndarray) and value.dtype.kind == "S"):
            problems.append(f"{where}: attribute {key!r} decodes as bytes: {value!r}")


def check_group(path, h5group, problems):
    where = f"group {path}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ds = xr.open_dataset(sys.argv[1], engine="h5netcdf", group=path)
        ds.load()
    check_attrs(where, ds.attrs, problems)
    for dim in ds.dims:
        if dim not in ds.coords:
            problems.append(f"{where}: dimension {dim!r} has no coordinate labels")
    for name, var in ds.variables.items():
        check_attrs(f"{where} {name}", var.attrs, problems)
        if name not in ds.coords and "long_name" not in var.attrs:
            problems.append(f"{where}: variable {name!r} has no long_name")
        if var.dtype.kind == "O":
            bad = [v for v in np.ravel(var.values) if not isinstance(v, str)]
            if bad:
                problems.append(f"{where}: {name!r} holds non-str values such as {bad[0]!r}")
        if var.dtype.kind == "S":
            problems.append(f"{where}: {name!r} decodes as bytes")
        h5ds = h5group.get(name)
        if h5ds is None:
            problems.append(f"{where}: {name!r} is not a dataset of this group")
            continue
        if h5ds.dtype == np.dtype("<i8") and name != "month" and var.dtype != np.int64:
            problems.append(f"{where}: int64 {name!r} reads back as {var.dtype}")
        if h5ds.dtype == np.dtype("<f8") and var.dtype != np.float64:
            problems.append(f"{where}: float64 {name!r} reads back as {var.dtype}")
        for axis, dim in enumerate(var.dims):
            scales = list(h5ds.dims[axis].keys()) if name not in ds.dims else []
            if name not in ds.dims and scales != [dim]:
                problems.append(f"{where}: h5py sees scales {scales} on axis {axis} of {name!r}, not [{dim!r}]")
    for dim in ds.dims:
        if dim in h5group and not h5py.h5ds.is_scale(h5group[dim].id):
            problems.append(f"{where}: {dim!r} is not an HDF5 dimension scale")
    if "month" in ds.coords and not np.issubdtype(ds["month"].dtype, np.datetime64):
        problems.append(f"{where}: month decodes as {ds['month'].dtype}, not datetime64")
    ds.close()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    with h5py.File(sys.argv[1], "r") as h5file:
        paths = group_paths(h5file)
        for path in paths:
            try:
                check_group(path, h5file[path], problems)
            except Exception as error:  # a warning turned error, or a decoding failure
                problems.append(f"group {path}: {type(error).__name__}: {error}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"OK {len(paths)} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
