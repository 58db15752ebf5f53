// write_results and check_writable: a validated ResultsDocument to a netCDF-4 compatible HDF5 file.
#include <fcntl.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <system_error>
#include <type_traits>

#include "cwb/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_handle.hpp"
#include "sim/io/results.hpp"
#include "sim/io/results_layout.hpp"

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

static_assert(kUnlimited == H5S_UNLIMITED, "layout's unlimited marker must be HDF5's");

constexpr unsigned kCreationOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

// Link and attribute creation order tracked and indexed: netCDF-C insists on it to give
// variables and attributes back in the order they were defined.
PropertyList group_creation_plist(hid_t class_id) {
  auto plist = own<PropertyList>(H5Pcreate(class_id), "create group property list");
  check(H5Pset_link_creation_order(plist.get(), kCreationOrder), "track link creation order");
  check(H5Pset_attr_creation_order(plist.get(), kCreationOrder), "track attribute creation order");
  return plist;
}

// One HDF5 dataset for a coordinate or variable: shape, layout, filters, type, values.
std::vector<hsize_t> to_hsize(const std::vector<std::uint64_t>& v) { return {v.begin(), v.end()}; }

Dataset create_dataset(hid_t group, const std::string& name,
                       const std::vector<std::uint64_t>& shape, const Values& values) {
  const std::string what = "create dataset '" + name + "'";
  const bool is_string = std::holds_alternative<std::vector<std::string>>(values);
  const DatasetLayout layout = choose_layout(shape, is_string ? 0 : 8);

  auto dcpl = own<PropertyList>(H5Pcreate(H5P_DATASET_CREATE), what);
  check(H5Pset_attr_creation_order(dcpl.get(), kCreationOrder), what);
  if (!layout.chunk.empty()) {
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(layout.chunk.size()),
                       to_hsize(layout.chunk).data()),
          what);
  }
  if (layout.compress) {
    check(H5Pset_shuffle(dcpl.get()), what);
    check(H5Pset_deflate(dcpl.get(), kDeflateLevel), what);
  }

  auto space =
      shape.empty()
          ? own<Dataspace>(H5Screate(H5S_SCALAR), what)
          : own<Dataspace>(H5Screate_simple(static_cast<int>(shape.size()), to_hsize(shape).data(),
                                            to_hsize(layout.max_shape).data()),
                           what);
  Datatype string_type;
  hid_t file_type = H5T_IEEE_F64LE;
  if (is_string) {
    string_type = utf8_string_type();
    file_type = string_type.get();
  } else if (std::holds_alternative<std::vector<std::int64_t>>(values)) {
    file_type = H5T_STD_I64LE;
  }
  auto dataset = own<Dataset>(
      H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      what);

  const std::string write_what = "write dataset '" + name + "'";
  std::visit(
      [&](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if (v.empty()) return;  // zero-length: nothing to write, and no buffer to point at
        if constexpr (std::is_same_v<T, std::string>) {
          std::vector<const char*> pointers;
          pointers.reserve(v.size());
          for (const auto& s : v)
            pointers.push_back(s.c_str());
          check(H5Dwrite(dataset.get(), file_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                write_what);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          check(H5Dwrite(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
                write_what);
        } else {
          check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
                write_what);
        }
      },
      values);
  return dataset;
}

void write_attributes(hid_t object, const Attributes& attributes) {
  for (const auto& [name, value] : attributes)
    write_attribute(object, name, value);
}

// A dimension scale carries its netCDF dimension id, unique in the whole file.
struct Scale {
  Dataset dataset;
  std::int32_t dimid = 0;
  std::uint64_t length = 0;
};

void write_group(hid_t group, const GroupView& view, std::int32_t& next_dimid) {
  std::map<std::string, Scale> scales;
  for (const Coordinate* c : view.coordinates) {
    const std::uint64_t length = value_count(c->values);
    auto dataset = create_dataset(group, c->name, {length}, c->values);
    check(H5DSset_scale(dataset.get(), c->name.c_str()),
          "make '" + c->name + "' a dimension scale");
    const std::int32_t dimid = next_dimid++;
    write_int32_attribute(dataset.get(), "_Netcdf4Dimid", {dimid}, true);
    if (!c->long_name.empty()) write_attribute(dataset.get(), "long_name", c->long_name);
    if (!c->units.empty()) write_attribute(dataset.get(), "units", c->units);
    write_attributes(dataset.get(), c->attributes);
    scales.emplace(c->name, Scale{std::move(dataset), dimid, length});
  }
  for (const Variable* v : view.variables) {
    std::vector<std::uint64_t> shape;
    std::vector<std::int32_t> dimids;
    for (const auto& dim : v->dims) {
      const Scale& scale = scales.at(dim);  // validated: every dim is a coordinate here
      shape.push_back(scale.length);
      dimids.push_back(scale.dimid);
    }
    auto dataset = create_dataset(group, v->name, shape, v->values);
    for (std::size_t axis = 0; axis < v->dims.size(); ++axis) {
      check(H5DSattach_scale(dataset.get(), scales.at(v->dims[axis]).dataset.get(),
                             static_cast<unsigned>(axis)),
            "attach dimension '" + v->dims[axis] + "' to '" + v->name + "'");
    }
    // What netCDF-C and h5netcdf write: the axes' dimension ids (rank > 1) and the first one.
    if (dimids.size() > 1)
      write_int32_attribute(dataset.get(), "_Netcdf4Coordinates", dimids, false);
    if (!dimids.empty())
      write_int32_attribute(dataset.get(), "_Netcdf4Dimid", {dimids.front()}, true);
    write_attribute(dataset.get(), "long_name", v->long_name);
    if (!v->units.empty()) write_attribute(dataset.get(), "units", v->units);
    write_attributes(dataset.get(), v->attributes);
    check(dataset.close(), "close dataset '" + v->name + "'");
  }
  for (auto& [name, scale] : scales)
    check(scale.dataset.close(), "close dataset '" + name + "'");
}

// Everything between H5Fcreate and a successful H5Fclose; any failure throws IoError, and the
// handles close in reverse order while the exception unwinds.
void write_file(const std::vector<GroupView>& views, const fs::path& file_path) {
  auto fapl = own<PropertyList>(H5Pcreate(H5P_FILE_ACCESS), "create file access property list");
  // Earliest..1.8 format: readable by HDF5 1.8 (old R/netCDF installs) yet with the 1.8
  // object headers that creation order and dense (large) attribute storage need.
  check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
        "set file format bounds");
  // SEMI: closing the file fails if anything is still open, which would be a handle leak.
  check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "set file close degree");
  auto fcpl = group_creation_plist(H5P_FILE_CREATE);
  auto file =
      own<File>(H5Fcreate(file_path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), "create file");

  auto gcpl = group_creation_plist(H5P_GROUP_CREATE);
  std::int32_t next_dimid = 0;
  for (const auto& view : views) {
    if (view.name.empty()) {
      auto root = own<GroupHandle>(H5Gopen2(file.get(), "/", H5P_DEFAULT), "open root group");
      const std::string properties =
          std::string("version=2,cwbsim=") + kVersion + ",hdf5=" + std::to_string(H5_VERS_MAJOR) +
          "." + std::to_string(H5_VERS_MINOR) + "." + std::to_string(H5_VERS_RELEASE);
      write_fixed_ascii_attribute(root.get(), "_NCProperties", properties);
      for (const Attributes* attributes : view.attributes)
        write_attributes(root.get(), *attributes);
      write_group(root.get(), view, next_dimid);
      check(root.close(), "close root group");
    } else {
      auto group = own<GroupHandle>(
          H5Gcreate2(file.get(), view.name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
          "create group '" + view.name + "'");
      for (const Attributes* attributes : view.attributes)
        write_attributes(group.get(), *attributes);
      write_group(group.get(), view, next_dimid);
      check(group.close(), "close group '" + view.name + "'");
    }
  }
  check(gcpl.close(), "close group property list");
  check(fcpl.close(), "close file creation property list");
  check(fapl.close(), "close file access property list");
  check(file.close(), "close file");
}

// ".<name><tag><pid>" next to `path`: same directory (so rename is atomic), hidden, per process.
fs::path hidden_sibling(const fs::path& path, const fs::path& directory, const char* tag) {
  std::string name(".");  // built by appending: GCC 12 warns falsely on "literal" + string
  name += path.filename().string();
  name += tag;
  name += std::to_string(::getpid());
  return directory / name;
}

}  // namespace

void write_results(const ResultsDocument& doc, const fs::path& path) {
  const std::vector<GroupView> views = group_views(doc);
  validate(views);  // InternalError before any file exists
  if (path.filename().empty())
    throw IoError("cannot write results file '" + path.string() + "': no file name");

  const fs::path temporary = hidden_sibling(path, path.parent_path(), ".tmp-");
  const auto discard = [&] {
    std::error_code ignored;
    fs::remove(temporary, ignored);
  };
  try {
    SilenceErrors silence;
    write_file(views, temporary);
    fs::rename(temporary, path);  // atomic: readers see the old file or the complete new one
  } catch (const IoError& e) {
    discard();
    throw IoError("cannot write results file '" + path.string() + "': " + e.what());
  } catch (const fs::filesystem_error& e) {
    discard();
    throw IoError("cannot write results file '" + path.string() + "': " + e.code().message());
  } catch (...) {
    discard();
    throw;
  }
}

void check_writable(const fs::path& path) {
  std::string quoted(1, '\'');
  quoted += path.string();
  quoted += '\'';
  if (path.empty() || path.filename().empty())
    throw InputError("output path " + quoted + " has no file name");
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError("output path " + quoted + " is a directory");
  const fs::path directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::exists(directory, ec)) {
    throw InputError("cannot write " + quoted + ": directory '" + directory.string() +
                     "' does not exist");
  }
  if (!fs::is_directory(directory, ec)) {
    throw InputError("cannot write " + quoted + ": '" + directory.string() +
                     "' is not a directory");
  }
  // Create and remove a probe file: unlike access(2) this also catches read-only mounts,
  // ACLs and quotas, and it does not wave root through.
  const fs::path probe = hidden_sibling(path, directory, ".probe-");
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) return;  // someone else's probe: the directory is writable
  if (fd < 0) {
    const int error = errno;
    throw InputError("cannot write " + quoted + ": directory '" + directory.string() +
                     "' is not writable (" + std::strerror(error) + ")");
  }
  ::close(fd);
  fs::remove(probe, ec);
}

}  // namespace cwb::io
