// Writing and reading HDF5 attributes and string datatypes the way netCDF-4 readers expect.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/hdf5_handle.hpp"
#include "sim/io/results.hpp"

namespace cwb::io::h5 {

/// Variable-length, NUL-terminated UTF-8 string type (netCDF NC_STRING; h5py/xarray give str).
Datatype utf8_string_type();

/// Attributes that belong to the netCDF-4 / dimension-scale machinery, never user metadata.
bool is_reserved_attribute(const std::string& name);

/// A scalar attribute: strings as variable-length UTF-8 (returned as str by h5netcdf, even
/// "1", and of any length: the text lives in the global heap, not the object header),
/// int64 as H5T_STD_I64LE, double as H5T_IEEE_F64LE.
void write_attribute(hid_t object, const std::string& name, const AttributeValue& value);

/// A scalar or 1-D H5T_STD_I32LE attribute (_Netcdf4Dimid, _Netcdf4Coordinates).
void write_int32_attribute(hid_t object, const std::string& name,
                           const std::vector<std::int32_t>& values, bool scalar);

/// A scalar fixed-length ASCII attribute, as netCDF-C and h5netcdf write _NCProperties.
void write_fixed_ascii_attribute(hid_t object, const std::string& name, const std::string& text);

/// All attributes of `object` except the reserved ones, in creation order when the object
/// tracks it (name order otherwise). Strings -> std::string, integers -> int64, floats ->
/// double; single-element arrays become scalars; other shapes and types are skipped.
Attributes read_attributes(hid_t object);

/// Reads `count` strings (variable- or fixed-length) from a dataset.
std::vector<std::string> read_strings(hid_t dataset, hid_t file_type, std::size_t count);

}  // namespace cwb::io::h5
