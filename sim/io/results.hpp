// A results document (groups of labelled, typed arrays) and its netCDF-4 compatible HDF5 file.
//
// io/ knows nothing of the economics: the ensemble builds a ResultsDocument, this writes it.
// Every group carries its own dimension scales and coordinate variables, so that
// xr.open_dataset(path, engine="h5netcdf", group=g) shows labelled arrays.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cwb::io {

using AttributeValue = std::variant<std::string, std::int64_t, double>;
using Attributes = std::vector<std::pair<std::string, AttributeValue>>;  // in creation order

/// Values of a coordinate or variable, row-major (C order) over its dimensions.
using Values =
    std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>>;

/// A dimension and its coordinate variable (a dimension scale of the same name).
/// String labels become variable-length UTF-8 strings.
struct Coordinate {
  std::string name;  // also the dimension name
  std::string long_name;
  std::string units;      // "" = no units attribute (labels)
  Values values;          // 1-D; its length is the dimension's length (may be 0)
  Attributes attributes;  // extra, e.g. {"calendar", "proleptic_gregorian"}
  friend bool operator==(const Coordinate&, const Coordinate&) = default;
};

struct Variable {
  std::string name;
  std::string long_name;
  std::string units;              // CF units; "1" for dimensionless
  std::vector<std::string> dims;  // names of coordinates of the same group; empty = scalar
  Values values;                  // product of the dimension lengths elements
  Attributes attributes;          // extra attributes, e.g. "description"
  friend bool operator==(const Variable&, const Variable&) = default;
};

struct Group {
  std::string name;  // "" is the root group
  Attributes attributes;
  std::vector<Coordinate> coordinates;
  std::vector<Variable> variables;
  friend bool operator==(const Group&, const Group&) = default;
};

struct ResultsDocument {
  Attributes root_attributes;  // Conventions, title, provenance...
  std::vector<Group> groups;   // written in order; a group named "" adds to the root
  friend bool operator==(const ResultsDocument&, const ResultsDocument&) = default;
};

/// Write `doc` to `path`: first to a temporary file in the same directory, then renamed over
/// `path` only when everything was written and closed. On any failure the temporary file is
/// removed, nothing is left under `path`, and cwb::IoError is thrown (with the path and the
/// HDF5 error text). Datasets: chunked (~100 KiB - 1 MiB), shuffle + deflate 4; link and
/// attribute creation order tracked; dimension scales attached on every axis.
void write_results(const ResultsDocument& doc, const std::filesystem::path& path);

/// Check, before any run starts, that `path` can be created (its directory exists and is
/// writable, and `path` is not a directory). Throws cwb::InputError naming the path.
void check_writable(const std::filesystem::path& path);

/// Read a results file back (all groups written by write_results, with their coordinates,
/// variables and attributes). Used by tests and by `cwbsim summary`. Throws cwb::IoError.
ResultsDocument read_results(const std::filesystem::path& path);

}  // namespace cwb::io
