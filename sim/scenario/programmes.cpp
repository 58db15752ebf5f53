// The programme-type registry (empty in the core: programmes arrive in later issues).
#include "sim/scenario/programmes.hpp"

namespace cwb::scenario {

std::vector<std::string> programme_types() {
  // Add a type here when its model code and key validation exist, never before: a type that
  // validates but does nothing would let a scenario look like it tests a programme it does not.
  return {};
}

}  // namespace cwb::scenario
