// Kernels over runs of person rows, each with a vector path (sim/core/simd.hpp) held to its
// plain version by tests: the record's counts of people by labour status.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/core/money.hpp"
#include "sim/model/state.hpp"

namespace cwb::model {

/// People of working age, employed, unemployed, and claimants (in a household that receives
/// benefits: unemployed, or employed on a wage below the claimant earnings threshold).
struct PeopleCounts {
  std::int64_t working_age = 0, employed = 0, unemployed = 0, claimants = 0;
};

/// The person columns the count reads (and months_employed, which it advances), from the
/// first row of the run; household_benefits is the households' benefits column (indexed by
/// household).
struct PeopleRows {
  const std::uint8_t* alive;
  const Status* status;
  const Pence* wage;
  const std::uint32_t* household;
  std::uint16_t* months_employed;
};

/// Counts the n rows of people alive, and adds a month in work (up to 65535) to those employed.
PeopleCounts count_people(const PeopleRows& rows, std::size_t n, const Pence* household_benefits,
                          Pence claimant_threshold);
/// The same, always without the vector path (for the tests).
PeopleCounts count_people_plain(const PeopleRows& rows, std::size_t n,
                                const Pence* household_benefits, Pence claimant_threshold);

}  // namespace cwb::model
