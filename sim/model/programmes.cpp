// Programme base: timing, ramps, targeting, keyed draws, and the factory from scenario entries.
#include <algorithm>
#include <cmath>

#include "sim/model/programme.hpp"
#include "sim/model/programme_types.hpp"

namespace cwb::model {

namespace {
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}
}  // namespace

Programme::Programme(const World& world, std::size_t index)
    : entry_(world.scenario().programmes[index]), index_(index) {
  const auto& sc = world.scenario();
  scenario_start_ = sc.start;
  start_ = entry_.start.year == 0 ? 0 : scenario::months_between(sc.start, entry_.start);
  end_ = entry_.end.year == 0 ? 1 << 30 : scenario::months_between(sc.start, entry_.end);
  zones_.assign(sc.zones.size(), entry_.zones.empty());
  for (const auto& name : entry_.zones)
    for (std::size_t z = 0; z < sc.zones.size(); ++z)
      if (sc.zones[z].name == name) zones_[z] = true;
  name_hash_ = fnv1a(entry_.name);
  // Purposes 1000..65535 are programmes'; four per programme, chosen by name.
  purpose_base_ = static_cast<std::uint16_t>(1000 + (name_hash_ % 16000) * 4);
}

double Programme::ramp_value(const scenario::Ramp& ramp, int month) const {
  const int origin =
      ramp.start.year == 0 ? start_ : scenario::months_between(scenario_start_, ramp.start);
  return ramp.value_at(month - origin);
}

std::int64_t Programme::ramp_count(World& w, const scenario::Ramp& ramp, int month) const {
  const double value = std::max(0.0, ramp_value(ramp, month) * w.scenario().population_scale);
  const double whole = std::floor(value);
  auto draw = rng(w).stream(name_hash_, static_cast<std::uint32_t>(month), purpose(3));
  return static_cast<std::int64_t>(whole) + (draw.bernoulli(value - whole) ? 1 : 0);
}

std::vector<std::size_t> Programme::anchor_indices(const World& w,
                                                   const std::vector<std::string>& names) const {
  std::vector<std::size_t> out;
  const auto& anchors = w.scenario().anchors;
  for (std::size_t a = 0; a < anchors.size(); ++a)
    if (names.empty() || std::find(names.begin(), names.end(), anchors[a].name) != names.end())
      out.push_back(a);
  return out;
}

std::uint16_t Programme::add_parameter_set(World& w, const scenario::FirmParams& params) const {
  w.parameter_sets_.push_back(params);
  w.contractor_programme_.push_back(index_);
  return static_cast<std::uint16_t>(w.parameter_sets_.size() - 1);
}

void Programme::close_business(World& w, std::size_t b) {
  const std::int32_t employer = w.anchor_count() + static_cast<std::int32_t>(b);
  for (std::size_t p = 0; p < w.persons_.size(); ++p)
    if (w.persons_.employer[p] == employer) w.make_unemployed(p);
  w.settle_business_exit(b);
}

std::vector<std::size_t> Programme::job_seekers(World& w, int zone, bool inactive_too, int month,
                                                int k) const {
  struct Keyed {
    std::uint64_t key;
    std::size_t person;
  };
  std::vector<Keyed> keyed;
  const auto& ps = w.persons_;
  for (std::size_t p = 0; p < ps.size(); ++p) {
    if (!ps.alive[p] || (zone >= 0 && ps.zone[p] != zone)) continue;
    if (ps.status[p] == Status::unemployed || (inactive_too && ps.status[p] == Status::inactive))
      keyed.push_back(
          {w.rng_.stream(ps.id[p], static_cast<std::uint32_t>(month), purpose(k)).bits(), p});
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  std::vector<std::size_t> out;
  out.reserve(keyed.size());
  for (const auto& k2 : keyed)
    out.push_back(k2.person);
  return out;
}

std::vector<std::unique_ptr<Programme>> make_programmes(World& world) {
  std::vector<std::unique_ptr<Programme>> out;
  const auto& entries = world.scenario().programmes;
  for (std::size_t i = 0; i < entries.size(); ++i)
    out.push_back(std::visit(
        [&](const auto& settings) -> std::unique_ptr<Programme> {
          return make_programme(world, i, settings);
        },
        entries[i].settings));
  return out;
}

}  // namespace cwb::model
