// Validation of a ResultsDocument and the choice of dataset layouts (chunks, filters).
#include "sim/io/results_layout.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "sim/core/errors.hpp"

namespace cwb::io {

namespace {

std::uint64_t product(const std::vector<std::uint64_t>& shape) {
  std::uint64_t n = 1;
  for (auto d : shape)
    n *= d;
  return n;
}

[[noreturn]] void invalid(const std::string& message) {
  throw InternalError("invalid results document: " + message);
}

std::string group_label(const GroupView& view) {
  return view.name.empty() ? "root group" : "group '" + view.name + "'";
}

void check_name(const std::string& name, const std::string& kind, const std::string& where) {
  if (name.empty()) invalid(kind + " with an empty name in " + where);
  if (name.find('/') != std::string::npos)
    invalid(kind + " '" + name + "' in " + where + " contains '/'");
  if (name == "." || name == "..")
    invalid(kind + " '" + name + "' in " + where + " is not a valid name");
}

// `fixed` are the attribute names the writer itself adds to this object (units, long_name).
void check_attributes(const std::vector<const Attributes*>& lists,
                      const std::set<std::string>& fixed, const std::string& where) {
  std::set<std::string> seen = fixed;
  for (const Attributes* list : lists) {
    for (const auto& [name, value] : *list) {
      if (name.empty()) invalid("attribute with an empty name on " + where);
      static const std::set<std::string> kReserved = {"CLASS",          "NAME",
                                                      "REFERENCE_LIST", "DIMENSION_LIST",
                                                      "_Netcdf4Dimid",  "_Netcdf4Coordinates",
                                                      "_NCProperties",  "_nc3_strict"};
      if (kReserved.count(name) != 0)
        invalid("attribute '" + name + "' on " + where + " is reserved by netCDF-4");
      if (!seen.insert(name).second) invalid("attribute '" + name + "' appears twice on " + where);
    }
  }
}

}  // namespace

std::vector<std::uint64_t> chunk_shape(const std::vector<std::uint64_t>& shape,
                                       std::size_t element_size) {
  std::vector<std::uint64_t> chunk = shape;
  for (auto& c : chunk)
    c = std::max<std::uint64_t>(c, 1);
  const std::uint64_t size = std::max<std::size_t>(element_size, 1);
  for (std::size_t axis = 0; axis < chunk.size() && product(chunk) * size > kChunkTargetBytes;
       ++axis) {
    while (chunk[axis] > 1 && product(chunk) * size > kChunkTargetBytes)
      chunk[axis] = (chunk[axis] + 1) / 2;
  }
  return chunk;
}

DatasetLayout choose_layout(const std::vector<std::uint64_t>& shape, std::size_t element_size) {
  DatasetLayout layout;
  layout.max_shape = shape;
  if (shape.empty()) return layout;  // scalar: contiguous
  const bool empty = product(shape) == 0;
  if (empty) {
    for (std::size_t axis = 0; axis < shape.size(); ++axis) {
      if (shape[axis] == 0) layout.max_shape[axis] = kUnlimited;
    }
    layout.chunk = chunk_shape(shape, element_size == 0 ? 16 : element_size);
    return layout;
  }
  if (element_size == 0) return layout;  // strings: contiguous, unfiltered
  layout.chunk = chunk_shape(shape, element_size);
  layout.compress = true;
  return layout;
}

std::size_t value_count(const Values& values) {
  return std::visit([](const auto& v) { return v.size(); }, values);
}

std::vector<GroupView> group_views(const ResultsDocument& doc) {
  std::vector<GroupView> views(1);
  views.front().attributes.push_back(&doc.root_attributes);
  for (const auto& group : doc.groups) {
    GroupView* view = &views.front();
    if (!group.name.empty()) {
      views.emplace_back();
      view = &views.back();
      view->name = group.name;
    }
    view->attributes.push_back(&group.attributes);
    for (const auto& c : group.coordinates)
      view->coordinates.push_back(&c);
    for (const auto& v : group.variables)
      view->variables.push_back(&v);
  }
  return views;
}

void validate(const std::vector<GroupView>& views) {
  std::set<std::string> group_names;
  for (const auto& view : views) {
    const std::string where = group_label(view);
    if (!view.name.empty()) {
      check_name(view.name, "group", "the root group");
      if (!group_names.insert(view.name).second) {
        invalid("group '" + view.name + "' appears twice or has the name of a root dataset");
      }
    }
    check_attributes(view.attributes, {}, where);

    std::map<std::string, std::uint64_t> lengths;  // dimension name -> length
    std::set<std::string> names;
    for (const Coordinate* c : view.coordinates) {
      check_name(c->name, "coordinate", where);
      if (!names.insert(c->name).second)
        invalid("coordinate '" + c->name + "' appears twice in " + where);
      lengths[c->name] = value_count(c->values);
      std::set<std::string> fixed;
      if (!c->long_name.empty()) fixed.insert("long_name");
      if (!c->units.empty()) fixed.insert("units");
      check_attributes({&c->attributes}, fixed, "coordinate '" + c->name + "' in " + where);
    }
    for (const Variable* v : view.variables) {
      const std::string label = "variable '" + v->name + "' in " + where;
      check_name(v->name, "variable", where);
      if (!names.insert(v->name).second)
        invalid(label + " has the name of another variable or coordinate");
      std::uint64_t expected = 1;
      for (const auto& dim : v->dims) {
        const auto it = lengths.find(dim);
        if (it == lengths.end())
          invalid(label + " uses dimension '" + dim + "', which is not a coordinate there");
        expected *= it->second;
      }
      if (value_count(v->values) != expected) {
        invalid(label + " has " + std::to_string(value_count(v->values)) +
                " values but its dimensions hold " + std::to_string(expected));
      }
      std::set<std::string> fixed = {"long_name"};
      if (!v->units.empty()) fixed.insert("units");
      check_attributes({&v->attributes}, fixed, label);
    }
    // Group links share one namespace with the root's datasets.
    if (view.name.empty()) group_names.insert(names.begin(), names.end());
  }
}

}  // namespace cwb::io
