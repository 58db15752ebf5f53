// The record's count of people by labour status: the rule row by row, and the AVX-512 path
// giving the plain path's counts and months in work.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "sim/core/simd.hpp"
#include "sim/model/person_kernels.hpp"

namespace cwb::model {
namespace {

struct People {
  std::vector<std::uint8_t> alive;
  std::vector<Status> status;
  std::vector<Pence> wage;
  std::vector<std::uint32_t> household;
  std::vector<std::uint16_t> months_employed;
  std::vector<Pence> benefits;  // per household

  People(std::size_t n, std::uint64_t seed) : benefits(n / 2 + 1) {
    std::mt19937_64 gen(seed);
    for (auto& b : benefits)
      b = gen() % 3 == 0 ? static_cast<Pence>(gen() % 100000) : 0;
    for (std::size_t p = 0; p < n; ++p) {
      alive.push_back(gen() % 10 != 0);
      status.push_back(static_cast<Status>(gen() % 4));
      wage.push_back(status.back() == Status::employed ? static_cast<Pence>(gen() % 400000) : 0);
      household.push_back(static_cast<std::uint32_t>(gen() % benefits.size()));
      // Some at the cap of 65535 months, which must hold.
      months_employed.push_back(gen() % 20 == 0 ? 65535 : static_cast<std::uint16_t>(gen() % 300));
    }
  }
  PeopleRows rows(std::size_t first) {
    return {alive.data() + first, status.data() + first, wage.data() + first,
            household.data() + first, months_employed.data() + first};
  }
};

constexpr Pence kThreshold = 61700;

TEST(PeopleCounts, ByStatusWithClaimants) {
  People people(5000, 3);
  const auto before = people.months_employed;
  const auto counts =
      count_people_plain(people.rows(0), people.alive.size(), people.benefits.data(), kThreshold);
  PeopleCounts expected;
  for (std::size_t p = 0; p < people.alive.size(); ++p) {
    const bool employed = people.alive[p] && people.status[p] == Status::employed;
    const bool unemployed = people.alive[p] && people.status[p] == Status::unemployed;
    expected.working_age += people.alive[p] != 0;
    expected.employed += employed;
    expected.unemployed += unemployed;
    expected.claimants += people.benefits[people.household[p]] > 0 &&
                          (unemployed || (employed && people.wage[p] < kThreshold));
    ASSERT_EQ(people.months_employed[p], before[p] + (employed && before[p] < 65535 ? 1 : 0))
        << "row " << p;
  }
  EXPECT_EQ(counts.working_age, expected.working_age);
  EXPECT_EQ(counts.employed, expected.employed);
  EXPECT_EQ(counts.unemployed, expected.unemployed);
  EXPECT_EQ(counts.claimants, expected.claimants);
  EXPECT_GT(expected.claimants, 0);
}

TEST(PeopleCounts, VectorPathCountsAsThePlainPath) {
  if (!vector_paths()) GTEST_SKIP() << "no AVX-512 on this processor (or CWB_SIMD=0)";
  People vector_path(3001, 4), plain(3001, 4);
  std::size_t first = 0;
  for (std::size_t n = 0; first + n <= plain.alive.size(); first += n, ++n) {
    const auto a =
        count_people(vector_path.rows(first), n, vector_path.benefits.data(), kThreshold);
    const auto b = count_people_plain(plain.rows(first), n, plain.benefits.data(), kThreshold);
    ASSERT_EQ(a.working_age, b.working_age) << "rows " << first << " + " << n;
    ASSERT_EQ(a.employed, b.employed);
    ASSERT_EQ(a.unemployed, b.unemployed);
    ASSERT_EQ(a.claimants, b.claimants);
  }
  EXPECT_EQ(vector_path.months_employed, plain.months_employed);
}

}  // namespace
}  // namespace cwb::model
