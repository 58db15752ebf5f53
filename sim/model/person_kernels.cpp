#include "sim/model/person_kernels.hpp"

#include "sim/core/simd.hpp"

namespace cwb::model {

namespace {
// Without branches (status is a coin toss to the branch predictor), over pointers that do
// not alias; one instantiation for each version (see household_kernels.cpp).
template <int kVersion>
[[gnu::always_inline]] inline PeopleCounts
count_of(const std::uint8_t* __restrict alive, const Status* __restrict status,
         const Pence* __restrict wage, const std::uint32_t* __restrict household,
         std::uint16_t* __restrict months_employed, std::size_t n,
         const Pence* __restrict household_benefits, Pence threshold) {
  std::int64_t working_age = 0, employed_count = 0, unemployed_count = 0, claimants = 0;
  for (std::size_t p = 0; p < n; ++p) {
    const bool live = alive[p] != 0;
    const bool employed = live & (status[p] == Status::employed);
    const bool unemployed = live & (status[p] == Status::unemployed);
    months_employed[p] += employed & (months_employed[p] < 65535);
    const bool claiming = household_benefits[household[p]] > 0;
    const bool claimant = claiming & (unemployed | (employed & (wage[p] < threshold)));
    working_age += live;
    employed_count += employed;
    unemployed_count += unemployed;
    claimants += claimant;
  }
  return {working_age, employed_count, unemployed_count, claimants};
}

#ifdef CWB_HAS_AVX512_PATHS
CWB_AVX512 PeopleCounts count_avx512(const std::uint8_t* __restrict alive,
                                     const Status* __restrict status, const Pence* __restrict wage,
                                     const std::uint32_t* __restrict household,
                                     std::uint16_t* __restrict months_employed, std::size_t n,
                                     const Pence* __restrict household_benefits, Pence threshold) {
  return count_of<1>(alive, status, wage, household, months_employed, n, household_benefits,
                     threshold);
}
#endif
}  // namespace

PeopleCounts count_people_plain(const PeopleRows& rows, std::size_t n,
                                const Pence* household_benefits, Pence claimant_threshold) {
  return count_of<0>(rows.alive, rows.status, rows.wage, rows.household, rows.months_employed, n,
                     household_benefits, claimant_threshold);
}

PeopleCounts count_people(const PeopleRows& rows, std::size_t n, const Pence* household_benefits,
                          Pence claimant_threshold) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths())
    return count_avx512(rows.alive, rows.status, rows.wage, rows.household, rows.months_employed, n,
                        household_benefits, claimant_threshold);
#endif
  return count_people_plain(rows, n, household_benefits, claimant_threshold);
}

}  // namespace cwb::model
