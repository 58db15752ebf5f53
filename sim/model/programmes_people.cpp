// Programmes for people: skills matching (training with a pipeline into anchor jobs) and
// community research (paid researchers raising engagement).
#include <algorithm>
#include <cmath>

#include "sim/model/programme_types.hpp"

namespace cwb::model {
namespace {

using accounting::Sector;

class SkillsMatchingProgramme final : public Programme {
 public:
  SkillsMatchingProgramme(World& w, std::size_t i, const scenario::SkillsMatching& s)
      : Programme(w, i), s_(s), pipeline_(anchor_indices(w, s.anchors)) {}

  void apply(World& w, int month) override {
    graduate(w, month);
    if (!active(month)) return;
    for (auto a : pipeline_)
      anchors(w)[a].pipeline = true;
    enrol(w, month);
    auto& ps = persons(w);
    double trainees = 0;
    for (std::size_t p = 0; p < ps.size(); ++p)
      if (ps.alive[p] && ps.status[p] == Status::training &&
          ps.programme[p] == static_cast<std::int16_t>(index_))
        trainees += 1;
    outputs(w).participants = trainees;
    delivery(w, static_cast<Pence>(trainees) * s_.cost_per_place);
  }

 private:
  // Trainees who have done their months complete (skill gain, recognition of overseas
  // qualifications, priority for anchor jobs) or drop out; graduates' priority expires.
  void graduate(World& w, int month) {
    auto& ps = persons(w);
    const auto me = static_cast<std::int16_t>(index_);
    for (std::size_t p = 0; p < ps.size(); ++p) {
      if (!ps.alive[p] || ps.programme[p] != me) continue;
      if ((ps.flags[p] & kPriority) && month > ps.priority_until[p])
        ps.flags[p] = static_cast<std::uint8_t>(ps.flags[p] & ~kPriority);
      if (ps.status[p] != Status::training || ps.months_in_status[p] < s_.duration_months) continue;
      ps.status[p] = Status::unemployed;
      ps.months_in_status[p] = 0;
      if (!rng(w)
               .stream(ps.id[p], static_cast<std::uint32_t>(month), purpose(1))
               .bernoulli(s_.completion_rate))
        continue;  // dropped out: back to looking for work
      outputs(w).completions += 1;
      ps.skill[p] = static_cast<std::uint8_t>(std::min(4, ps.skill[p] + s_.skill_gain));
      if (s_.recognise_overseas_qualifications && (ps.flags[p] & kOverseasQualified)) {
        ps.skill[p] = 4;
        ps.flags[p] = static_cast<std::uint8_t>(ps.flags[p] & ~kOverseasQualified);
      }
      if (s_.priority_months > 0) {
        ps.flags[p] = static_cast<std::uint8_t>(ps.flags[p] | kPriority);
        ps.priority_until[p] = static_cast<std::int16_t>(month + s_.priority_months - 1);
      }
    }
  }

  bool eligible(const Persons& ps, std::size_t p) const {
    using E = scenario::Eligibility;
    auto has = [&](E e) { return (s_.eligibility & static_cast<std::uint8_t>(e)) != 0; };
    if (!ps.alive[p] || !targets(ps.zone[p]) || ps.status[p] == Status::training) return false;
    if (ps.programme[p] == static_cast<std::int16_t>(index_)) return false;  // once only
    if (ps.status[p] == Status::unemployed && has(E::unemployed)) return true;
    if (ps.status[p] == Status::inactive && has(E::inactive)) return true;
    return has(E::overseas_qualified) && (ps.flags[p] & kOverseasQualified) &&
           ps.status[p] != Status::employed;
  }

  // Outreach reaches each eligible resident with a chance that rises with their zone's
  // engagement; those reached are offered places in a random order (drawn per person, so the
  // same people come first in every scenario) and take one up at the uptake rate, until the
  // month's places are filled.
  void enrol(World& w, int month) {
    auto places = ramp_count(w, s_.places_per_month, month);
    if (places <= 0) return;
    auto& ps = persons(w);
    struct Keyed {
      std::uint64_t key;
      std::size_t person;
    };
    std::vector<Keyed> offered;
    const auto& eng = engagement(w);
    const double gain = w.scenario().engagement.uptake_gain;
    for (std::size_t p = 0; p < ps.size(); ++p) {
      if (!eligible(ps, p)) continue;
      auto draw = rng(w).stream(ps.id[p], static_cast<std::uint32_t>(month), purpose(0));
      const std::uint64_t key = draw.bits();
      if (draw.bernoulli(std::min(1.0, s_.outreach * (1.0 + gain * eng[ps.zone[p]]))))
        offered.push_back({key, p});
    }
    std::sort(offered.begin(), offered.end(),
              [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
    for (const auto& o : offered) {
      if (places == 0) break;
      const auto p = o.person;
      if (!rng(w)
               .stream(ps.id[p], static_cast<std::uint32_t>(month), purpose(2))
               .bernoulli(s_.uptake))
        continue;
      ps.status[p] = Status::training;
      ps.months_in_status[p] = 0;
      ps.programme[p] = static_cast<std::int16_t>(index_);
      --places;
    }
  }

  const scenario::SkillsMatching& s_;
  std::vector<std::size_t> pipeline_;
};

class CommunityResearchProgramme final : public Programme {
 public:
  CommunityResearchProgramme(World& w, std::size_t i, const scenario::CommunityResearch& s)
      : Programme(w, i), s_(s) {}

  void apply(World& w, int month) override {
    auto& ps = persons(w);
    const auto me = static_cast<std::int16_t>(index_);
    const auto zone_total = zones_.size();
    std::vector<std::int64_t> employed(zone_total, 0);
    for (std::size_t p = 0; p < ps.size(); ++p)
      if (ps.alive[p] && ps.employer[p] == kProgrammeJob && ps.programme[p] == me) {
        if (!active(month)) {  // contracts end with the programme
          make_unemployed(w, p);
          outputs(w).completions += 1;
        } else {
          employed[ps.zone[p]] += 1;
        }
      }
    if (!active(month)) return;
    // Keep each targeted zone's team at strength, recruiting unemployed and inactive residents
    // of the zone in one keyed random order.
    const auto team = static_cast<std::int64_t>(
        std::llround(s_.researchers_per_zone * w.scenario().population_scale));
    for (std::size_t z = 0; z < zone_total; ++z) {
      if (!targets(z) || employed[z] >= team) continue;
      for (auto p : job_seekers(w, static_cast<int>(z), true, month, 0)) {
        if (employed[z] >= team) break;
        ps.status[p] = Status::employed;
        ps.employer[p] = kProgrammeJob;
        ps.wage[p] = s_.wage;
        ps.months_in_status[p] = 0;
        ps.programme[p] = me;
        employed[z] += 1;
        outputs(w).placements += 1;
      }
    }
    // Pay the researchers; their work raises engagement with diminishing returns.
    Pence wages = 0;
    for (std::size_t p = 0; p < ps.size(); ++p)
      if (ps.alive[p] && ps.employer[p] == kProgrammeJob && ps.programme[p] == me) {
        credit_wage(w, ps.household[p], ps.wage[p]);
        wages += ps.wage[p];
      }
    pay(w, Sector::government, Sector::households, wages);
    auto& eng = engagement(w);
    double researchers = 0;
    for (std::size_t z = 0; z < zone_total; ++z) {
      researchers += static_cast<double>(employed[z]);
      const double per_thousand =
          static_cast<double>(employed[z]) / std::max(1.0, zone_working_age(w, z) / 1000.0);
      eng[z] = std::min(1.0, eng[z] + s_.engagement_gain * per_thousand * (1.0 - eng[z]));
    }
    outputs(w).participants = researchers;
    delivery(w, static_cast<Pence>(researchers) * s_.overhead_per_researcher);
  }

 private:
  static double zone_working_age(World& w, std::size_t z) {
    const auto& zone = w.scenario().zones[z];
    return static_cast<double>(zone.working_age) * w.scenario().population_scale;
  }
  const scenario::CommunityResearch& s_;
};

}  // namespace

std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::SkillsMatching& s) {
  return std::make_unique<SkillsMatchingProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::CommunityResearch& s) {
  return std::make_unique<CommunityResearchProgramme>(w, i, s);
}

}  // namespace cwb::model
