// The programme-type registry: which `type:` values a `programmes:` entry may name.
#pragma once

#include <string>
#include <vector>

namespace cwb::scenario {

/// The registered programme types, in the order they are documented. The core ships none;
/// each programme issue adds its type here (programmes.cpp) together with a reader for its
/// own keys (see read_programme_entry in validate.cpp), so unknown-key and range checks
/// stay as strict for programme settings as for the core keys.
std::vector<std::string> programme_types();

}  // namespace cwb::scenario
