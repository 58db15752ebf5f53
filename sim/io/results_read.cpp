// read_results: a results file (or any netCDF-4 style HDF5 file) back into a ResultsDocument.
#include <hdf5_hl.h>

#include <optional>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_handle.hpp"
#include "sim/io/results.hpp"

namespace cwb::io {

namespace fs = std::filesystem;
using h5::Attribute;
using h5::check;
using h5::Dataset;
using h5::Dataspace;
using h5::Datatype;
using h5::fail;
using h5::File;
using h5::Object;
using h5::own;
using h5::PropertyList;
using h5::read_attributes;
using h5::read_strings;
using h5::SilenceErrors;
using h5::utf8_string_type;
using h5::write_attribute;
using h5::write_fixed_ascii_attribute;
using h5::write_int32_attribute;
using GroupHandle = h5::Group;  // cwb::io::Group is the document's group

namespace {

herr_t collect_link(hid_t /*group*/, const char* name, const H5L_info_t* info, void* data) {
  // Hard links only (soft/external links could loop or leave the file); names only, so no
  // exception has to cross HDF5's C frames.
  if (info->type == H5L_TYPE_HARD) static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

std::vector<std::string> link_names(hid_t group) {
  std::vector<std::string> names;
  hsize_t index = 0;
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_link, &names) < 0) {
    names.clear();  // no creation-order index (not written by us): name order
    index = 0;
    check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, collect_link, &names),
          "list group members");
  }
  return names;
}

// The last scale attached to an axis (as netCDF-C picks), by its dataset's path.
herr_t scale_path(hid_t /*dataset*/, unsigned /*axis*/, hid_t scale, void* data) {
  char buffer[1024] = {};
  const ssize_t length = H5Iget_name(scale, buffer, sizeof buffer);
  if (length > 0) *static_cast<std::string*>(data) = buffer;
  return 0;
}

std::vector<std::string> axis_names(hid_t dataset, int rank) {
  std::vector<std::string> names;
  for (int axis = 0; axis < rank; ++axis) {
    std::string path;
    if (H5DSget_num_scales(dataset, static_cast<unsigned>(axis)) > 0) {
      check(H5DSiterate_scales(dataset, static_cast<unsigned>(axis), nullptr, scale_path, &path),
            "list dimension scales");
    }
    const auto slash = path.rfind('/');
    // An axis without a scale (not from write_results) gets netCDF-C's phony name.
    names.push_back(path.empty() ? "phony_dim_" + std::to_string(axis) : path.substr(slash + 1));
  }
  return names;
}

struct DatasetContents {
  Values values;
  std::vector<std::string> dims;
  Attributes attributes;
  std::string long_name;
  std::string units;
};

// Moves a string attribute `name` out of `attributes` into `out`.
void take_string(Attributes& attributes, const std::string& name, std::string& out) {
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    if (it->first == name && std::holds_alternative<std::string>(it->second)) {
      out = std::get<std::string>(it->second);
      attributes.erase(it);
      return;
    }
  }
}

std::optional<DatasetContents> read_dataset(hid_t dataset, const std::string& name) {
  const std::string what = "read dataset '" + name + "'";
  auto type = own<Datatype>(H5Dget_type(dataset), what);
  auto space = own<Dataspace>(H5Dget_space(dataset), what);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (rank < 0 || points < 0) fail(what);
  const auto count = static_cast<std::size_t>(points);

  DatasetContents contents;
  switch (H5Tget_class(type.get())) {
    case H5T_FLOAT: {
      std::vector<double> values(count);
      if (count > 0)
        check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              what);
      contents.values = std::move(values);
      break;
    }
    case H5T_INTEGER: {
      std::vector<std::int64_t> values(count);
      if (count > 0)
        check(H5Dread(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              what);
      contents.values = std::move(values);
      break;
    }
    case H5T_STRING: contents.values = read_strings(dataset, type.get(), count); break;
    default: return std::nullopt;  // compound, enum, opaque...: nothing a results document holds
  }
  contents.dims = axis_names(dataset, rank);
  contents.attributes = read_attributes(dataset);
  take_string(contents.attributes, "long_name", contents.long_name);
  take_string(contents.attributes, "units", contents.units);
  return contents;
}

// Reads the datasets of `group` into `out`, and appends its subgroups (recursively, named by
// their path below the root) to `subgroups`.
void read_group(hid_t group, Group& out, const std::string& prefix, std::vector<Group>& subgroups) {
  for (const auto& name : link_names(group)) {
    auto object =
        own<Object>(H5Oopen(group, name.c_str(), H5P_DEFAULT), "open '" + prefix + name + "'");
    const H5I_type_t kind = H5Iget_type(object.get());
    if (kind == H5I_GROUP) {
      Group child;
      child.name = prefix + name;
      child.attributes = read_attributes(object.get());
      const std::size_t position = subgroups.size();
      subgroups.emplace_back();
      std::vector<Group> grandchildren;
      read_group(object.get(), child, child.name + "/", grandchildren);
      subgroups[position] = std::move(child);
      for (auto& g : grandchildren)
        subgroups.push_back(std::move(g));
    } else if (kind == H5I_DATASET) {
      auto contents = read_dataset(object.get(), prefix + name);
      if (!contents) continue;
      const htri_t is_scale = H5DSis_scale(object.get());
      if (is_scale < 0) fail("inspect dataset '" + prefix + name + "'");
      if (is_scale > 0 && contents->dims.size() <= 1) {
        out.coordinates.push_back(
            Coordinate{name, std::move(contents->long_name), std::move(contents->units),
                       std::move(contents->values), std::move(contents->attributes)});
      } else {
        out.variables.push_back(Variable{name, std::move(contents->long_name),
                                         std::move(contents->units), std::move(contents->dims),
                                         std::move(contents->values),
                                         std::move(contents->attributes)});
      }
    }
  }
}

}  // namespace

ResultsDocument read_results(const fs::path& path) {
  try {
    SilenceErrors silence;
    auto file = own<File>(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open file");
    auto root = own<GroupHandle>(H5Gopen2(file.get(), "/", H5P_DEFAULT), "open root group");
    ResultsDocument doc;
    doc.root_attributes = read_attributes(root.get());
    Group root_contents;
    std::vector<Group> groups;
    read_group(root.get(), root_contents, "", groups);
    // The root's own datasets come back as one group named "" (its attributes stay above).
    if (!root_contents.coordinates.empty() || !root_contents.variables.empty()) {
      doc.groups.push_back(std::move(root_contents));
    }
    for (auto& g : groups)
      doc.groups.push_back(std::move(g));
    check(root.close(), "close root group");
    check(file.close(), "close file");
    return doc;
  } catch (const IoError& e) {
    throw IoError("cannot read results file '" + path.string() + "': " + e.what());
  }
}

}  // namespace cwb::io
