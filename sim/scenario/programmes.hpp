// The programme-type registry: which `type:` values a `programmes:` entry may name.
#pragma once

#include <string>
#include <vector>

namespace cwb::scenario {

/// The registered programme types, in the order they are documented. Each type is
/// registered in programme_schema.cpp together with the reader for its own keys, so
/// unknown-key and range checks are as strict for programme settings as for the core keys.
std::vector<std::string> programme_types();

}  // namespace cwb::scenario
