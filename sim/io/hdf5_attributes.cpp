// HDF5 attribute and string I/O in the netCDF-4 dialect (variable-length UTF-8 text).
#include "sim/io/hdf5_attributes.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>
#include <variant>

namespace cwb::io::h5 {

namespace {

// Frees the heap memory HDF5 allocated for variable-length strings read into `buffer`.
void reclaim_strings(hid_t memory_type, hid_t space, void* buffer) {
#if H5_VERSION_GE(1, 12, 0)
  (void)H5Treclaim(memory_type, space, H5P_DEFAULT, buffer);
#else
  (void)H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, buffer);
#endif
}

// Fixed-length strings: cut at the first NUL (NULLTERM/NULLPAD) and trailing blanks (SPACEPAD).
std::string trim_fixed(const char* data, std::size_t size, H5T_str_t pad) {
  std::size_t length = 0;
  while (length < size && data[length] != '\0')
    ++length;
  if (pad == H5T_STR_SPACEPAD) {
    while (length > 0 && data[length - 1] == ' ')
      --length;
  }
  return std::string(data, length);
}

Datatype string_memory_type(hid_t file_type) {
  auto type = own<Datatype>(H5Tcopy(H5T_C_S1), "copy string type");
  if (H5Tis_variable_str(file_type) > 0) {
    check(H5Tset_size(type.get(), H5T_VARIABLE), "set string size");
  } else {
    check(H5Tset_size(type.get(), H5Tget_size(file_type)), "set string size");
    check(H5Tset_strpad(type.get(), H5Tget_strpad(file_type)), "set string padding");
  }
  // HDF5 will not convert between character sets: read in the file's own.
  check(H5Tset_cset(type.get(), H5Tget_cset(file_type)), "set character set");
  return type;
}

// Reads `count` strings through `read(memory_type, buffer)` (H5Aread or H5Dread).
template <typename Read>
std::vector<std::string> read_string_values(hid_t file_type, std::size_t count, Read read) {
  std::vector<std::string> values;
  values.reserve(count);
  if (count == 0) return values;
  auto memory_type = string_memory_type(file_type);
  if (H5Tis_variable_str(file_type) > 0) {
    std::vector<char*> pointers(count, nullptr);
    check(read(memory_type.get(), pointers.data()), "read variable-length strings");
    for (const char* p : pointers)
      values.emplace_back(p != nullptr ? p : "");
    const hsize_t n = count;
    auto space = own<Dataspace>(H5Screate_simple(1, &n, nullptr), "create dataspace");
    reclaim_strings(memory_type.get(), space.get(), pointers.data());
  } else {
    const std::size_t size = H5Tget_size(file_type);
    const H5T_str_t pad = H5Tget_strpad(file_type);
    std::vector<char> buffer(count * size + 1, '\0');
    check(read(memory_type.get(), buffer.data()), "read fixed-length strings");
    for (std::size_t i = 0; i < count; ++i)
      values.push_back(trim_fixed(buffer.data() + i * size, size, pad));
  }
  return values;
}

herr_t collect_name(hid_t /*location*/, const char* name, const H5A_info_t* /*info*/, void* data) {
  // Names only: exceptions must not cross HDF5's C frames, so the work happens afterwards.
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

// One attribute as an AttributeValue; false when its shape or type has no such equivalent.
bool read_one(hid_t object, const std::string& name, AttributeValue& out) {
  auto attribute =
      own<Attribute>(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute '" + name + "'");
  auto type = own<Datatype>(H5Aget_type(attribute.get()), "get type of attribute '" + name + "'");
  auto space =
      own<Dataspace>(H5Aget_space(attribute.get()), "get dataspace of attribute '" + name + "'");
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points != 1) return false;
  const auto read = [&](hid_t memory_type, void* buffer) {
    return H5Aread(attribute.get(), memory_type, buffer);
  };
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: out = read_string_values(type.get(), 1, read).front(); return true;
    case H5T_INTEGER: {
      std::int64_t value = 0;
      check(read(H5T_NATIVE_INT64, &value), "read attribute '" + name + "'");
      out = value;
      return true;
    }
    case H5T_FLOAT: {
      double value = 0;
      check(read(H5T_NATIVE_DOUBLE, &value), "read attribute '" + name + "'");
      out = value;
      return true;
    }
    default: return false;
  }
}

}  // namespace

Datatype utf8_string_type() {
  auto type = own<Datatype>(H5Tcopy(H5T_C_S1), "copy string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "set variable string size");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set UTF-8 character set");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "set string padding");
  return type;
}

bool is_reserved_attribute(const std::string& name) {
  static constexpr std::array<const char*, 8> kReserved = {"CLASS",          "NAME",
                                                           "REFERENCE_LIST", "DIMENSION_LIST",
                                                           "_Netcdf4Dimid",  "_Netcdf4Coordinates",
                                                           "_NCProperties",  "_nc3_strict"};
  for (const char* reserved : kReserved) {
    if (name == reserved) return true;
  }
  return false;
}

void write_attribute(hid_t object, const std::string& name, const AttributeValue& value) {
  const std::string what = "write attribute '" + name + "'";
  auto space = own<Dataspace>(H5Screate(H5S_SCALAR), what);
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          auto type = utf8_string_type();
          auto attribute = own<Attribute>(
              H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
              what);
          const char* text = v.c_str();
          check(H5Awrite(attribute.get(), type.get(), &text), what);
          check(attribute.close(), what);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          auto attribute = own<Attribute>(H5Acreate2(object, name.c_str(), H5T_STD_I64LE,
                                                     space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                          what);
          check(H5Awrite(attribute.get(), H5T_NATIVE_INT64, &v), what);
          check(attribute.close(), what);
        } else {
          auto attribute = own<Attribute>(H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE,
                                                     space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                          what);
          check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &v), what);
          check(attribute.close(), what);
        }
      },
      value);
}

void write_int32_attribute(hid_t object, const std::string& name,
                           const std::vector<std::int32_t>& values, bool scalar) {
  const std::string what = "write attribute '" + name + "'";
  const hsize_t n = values.size();
  auto space = scalar ? own<Dataspace>(H5Screate(H5S_SCALAR), what)
                      : own<Dataspace>(H5Screate_simple(1, &n, nullptr), what);
  auto attribute = own<Attribute>(
      H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attribute.get(), H5T_NATIVE_INT32, values.data()), what);
  check(attribute.close(), what);
}

void write_fixed_ascii_attribute(hid_t object, const std::string& name, const std::string& text) {
  const std::string what = "write attribute '" + name + "'";
  auto type = own<Datatype>(H5Tcopy(H5T_C_S1), what);
  check(H5Tset_size(type.get(), text.empty() ? 1 : text.size()), what);
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what);
  check(H5Tset_cset(type.get(), H5T_CSET_ASCII), what);
  auto space = own<Dataspace>(H5Screate(H5S_SCALAR), what);
  auto attribute = own<Attribute>(
      H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  std::vector<char> buffer(text.begin(), text.end());
  buffer.resize(std::max<std::size_t>(buffer.size(), 1), '\0');
  check(H5Awrite(attribute.get(), type.get(), buffer.data()), what);
  check(attribute.close(), what);
}

Attributes read_attributes(hid_t object) {
  std::vector<std::string> names;
  hsize_t index = 0;
  // Creation order is what the writer meant; files without its index fall back to names.
  if (H5Aiterate2(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_name, &names) < 0) {
    names.clear();
    index = 0;
    check(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names),
          "list attributes");
  }
  Attributes attributes;
  for (const auto& name : names) {
    if (is_reserved_attribute(name)) continue;
    AttributeValue value;
    if (read_one(object, name, value)) attributes.emplace_back(name, std::move(value));
  }
  return attributes;
}

std::vector<std::string> read_strings(hid_t dataset, hid_t file_type, std::size_t count) {
  return read_string_values(file_type, count, [&](hid_t memory_type, void* buffer) {
    return H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  });
}

}  // namespace cwb::io::h5
