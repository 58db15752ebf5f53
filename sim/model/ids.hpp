// Agent ids: initial agents are numbered in zone order; newcomers' ids are derived from
// (month, zone, arrival index) so a scenario and its baseline share the same newcomers.
#pragma once

#include <cstdint>

namespace cwb::model::ids {

inline constexpr std::uint64_t kNewcomerTag = 1ULL << 62;
inline constexpr std::uint64_t kAgeingInTag = 1ULL << 61;
inline constexpr std::uint64_t kBusinessBirthTag = 1ULL << 60;
/// Pseudo-agent ids for zone-level draws (entry, arrival counts) and employer-level draws.
inline constexpr std::uint64_t kZoneTag = 1ULL << 59;
inline constexpr std::uint64_t kEmployerTag = 1ULL << 58;
inline constexpr std::uint64_t kProgrammeTag = 1ULL << 57;  // agents created by programmes
inline constexpr std::uint64_t kHousingTag = 1ULL << 56;    // households moving into new homes

/// month < 2^18, zone < 2^12, index < 2^24, member < 2^4.
inline std::uint64_t derived(std::uint64_t tag, int month, int zone, std::uint64_t index,
                             int member = 0) {
  return tag | (static_cast<std::uint64_t>(month) << 40) |
         (static_cast<std::uint64_t>(zone) << 28) | (index << 4) |
         static_cast<std::uint64_t>(member);
}
inline std::uint64_t newcomer_household(std::uint64_t tag, int month, int zone,
                                        std::uint64_t arrival) {
  return derived(tag, month, zone, arrival, 15);
}
inline std::uint64_t newcomer_person(std::uint64_t tag, int month, int zone, std::uint64_t arrival,
                                     int member) {
  return derived(tag, month, zone, arrival, member);
}
inline std::uint64_t zone_agent(int zone) { return kZoneTag | static_cast<std::uint64_t>(zone); }
inline std::uint64_t employer_agent(std::uint64_t employer_id) {
  return kEmployerTag | employer_id;
}

}  // namespace cwb::model::ids
