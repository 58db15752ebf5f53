// Programmes for enterprises and places: social-enterprise support, community assets, capital
// projects (through a contractor with social-value clauses) and housing developments.
#include <algorithm>
#include <cmath>

#include "sim/model/ids.hpp"
#include "sim/model/programme_types.hpp"

namespace cwb::model {
namespace {

using accounting::Sector;

/// Ids of businesses and households a programme creates: derived from (month, zone, the
/// programme's name, index), so they are the same in every scenario that has the programme.
std::uint64_t programme_agent_id(std::uint64_t tag, int month, std::size_t zone,
                                 std::uint64_t name_hash, std::uint64_t index) {
  return ids::derived(tag, month, static_cast<int>(zone),
                      ((name_hash & 0xfff) << 12) | (index & 0xfff));
}

class SocialEnterpriseSupportProgramme final : public Programme {
 public:
  SocialEnterpriseSupportProgramme(World& w, std::size_t i,
                                   const scenario::SocialEnterpriseSupport& s)
      : Programme(w, i), s_(s), matched_(anchor_indices(w, s.anchors)) {}

  void apply(World& w, int month) override {
    auto& bs = businesses(w);
    const auto me = static_cast<std::int16_t>(index_);
    double mentored = 0;
    for (std::size_t b = 0; b < bs.size(); ++b) {
      if (bs.mentor[b] != me) continue;
      if (!bs.alive[b]) {
        bs.mentor[b] = -1;
        continue;
      }
      if (bs.mentored_until[b] < month) {  // mentoring over, still trading: a completion
        outputs(w).completions += 1;
        bs.mentor[b] = -1;
        continue;
      }
      mentored += 1;
    }
    if (!active(month)) {
      // Mentoring started under the programme runs its course, and is paid for.
      outputs(w).participants = mentored;
      delivery(w, static_cast<Pence>(mentored) * s_.mentoring_cost);
      return;
    }
    // Matchmaking into anchor supply chains.
    const double gain = ramp_value(s_.matchmaking_share_gain, month);
    for (auto a : matched_)
      anchors(w)[a].social_enterprise_share += gain;
    // Start-up grants: new social enterprises in the targeted zones, by their working age.
    const auto grants = ramp_count(w, s_.grants_per_month, month);
    std::vector<double> cumulative;
    double total = 0;
    for (std::size_t z = 0; z < zones_.size(); ++z) {
      total += targets(z) ? static_cast<double>(w.scenario().zones[z].working_age) : 0.0;
      cumulative.push_back(total);
    }
    auto draw = rng(w).stream(name_hash(), static_cast<std::uint32_t>(month), purpose(0));
    for (std::int64_t g = 0; g < grants && total > 0; ++g) {
      const auto z = draw.pick_cumulative(cumulative);
      const auto id = programme_agent_id(ids::kBusinessBirthTag | ids::kProgrammeTag, month, z,
                                         name_hash(), static_cast<std::uint64_t>(g));
      const auto b = open_business(w, static_cast<std::uint16_t>(z),
                                   BusinessKind::social_enterprise, id, true, s_.start_size_share);
      bs.cash[b] += s_.grant;
      pay(w, Sector::government, Sector::social_enterprises, s_.grant);
      if (s_.mentoring_months > 0) {
        bs.mentor[b] = me;
        bs.mentored_until[b] = month + s_.mentoring_months - 1;
        mentored += 1;
      }
      outputs(w).placements += 1;  // enterprises started
    }
    outputs(w).participants = mentored;
    delivery(w, static_cast<Pence>(mentored) * s_.mentoring_cost);
  }

 private:
  const scenario::SocialEnterpriseSupport& s_;
  std::vector<std::size_t> matched_;
};

class CommunityAssetsProgramme final : public Programme {
 public:
  CommunityAssetsProgramme(World& w, std::size_t i, const scenario::CommunityAssets& s)
      : Programme(w, i), s_(s), tenants_(s.assets.size()) {
    const auto& zones = w.scenario().zones;
    for (const auto& a : s.assets) {
      const auto it =
          std::find_if(zones.begin(), zones.end(), [&](const auto& z) { return z.name == a.zone; });
      zone_.push_back(static_cast<std::size_t>(it - zones.begin()));
      unlock_.push_back(
          a.unlock.year == 0 ? start_ : scenario::months_between(w.scenario().start, a.unlock));
    }
  }

  void apply(World& w, int month) override {
    auto& bs = businesses(w);
    const bool on = active(month);
    double tenancies = 0;
    Pence running = 0;
    for (std::size_t k = 0; k < s_.assets.size(); ++k) {
      const auto& asset = s_.assets[k];
      auto& tenants = tenants_[k];
      const bool open = on && month >= unlock_[k];
      // Tenants that closed leave; when the asset closes (programme over) all leave.
      std::erase_if(tenants, [&](std::size_t b) {
        const bool leave = !open || !bs.alive[b];
        if (leave) bs.rent_discount[b] = 0.0;
        return leave;
      });
      if (!open) continue;
      fill_tenancies(w, k, month);
      const auto z = zone_[k];
      asset_tenancies(w)[z] += static_cast<double>(tenants.size());
      // Hours scale with the simulated population, like the residents they engage.
      const double hours = asset.activity_hours_per_month * w.scenario().population_scale;
      asset_hours(w)[z] += hours;
      tenancies += static_cast<double>(tenants.size());
      running += asset.running_cost;
      // Activity raises engagement, with diminishing returns.
      auto& eng = engagement(w)[z];
      const double per_thousand_residents =
          std::max(1.0, static_cast<double>(w.scenario().zones[z].working_age) *
                            w.scenario().population_scale / 1000.0);
      eng = std::min(1.0, eng + s_.engagement_per_1000_hours * hours / 1000.0 /
                                    per_thousand_residents * (1.0 - eng));
    }
    outputs(w).participants = tenancies;
    delivery(w, running);
  }

 private:
  // Vacant tenancies go to social enterprises of the asset's zone that have none, in an
  // order drawn per enterprise (the same in every scenario).
  void fill_tenancies(World& w, std::size_t k, int month) {
    auto& bs = businesses(w);
    auto& tenants = tenants_[k];
    const auto wanted = static_cast<std::size_t>(
        std::llround(s_.assets[k].tenancies * std::min(1.0, w.scenario().population_scale)));
    if (tenants.size() >= wanted) return;
    struct Keyed {
      std::uint64_t key;
      std::size_t b;
    };
    std::vector<Keyed> candidates;
    for (std::size_t b = 0; b < bs.size(); ++b)
      if (bs.alive[b] && bs.kind[b] == BusinessKind::social_enterprise && bs.zone[b] == zone_[k] &&
          bs.rent_discount[b] == 0.0 && !is_tenant(b))
        candidates.push_back(
            {rng(w).stream(bs.id[b], static_cast<std::uint32_t>(month), purpose(1)).bits(), b});
    std::sort(candidates.begin(), candidates.end(),
              [](const Keyed& a, const Keyed& c) { return a.key < c.key; });
    for (const auto& c : candidates) {
      if (tenants.size() >= wanted) break;
      bs.rent_discount[c.b] = s_.assets[k].rent_discount;
      tenants.push_back(c.b);
      outputs(w).placements += 1;  // new tenancies
    }
  }

  bool is_tenant(std::size_t b) const {
    for (const auto& list : tenants_)
      if (std::find(list.begin(), list.end(), b) != list.end()) return true;
    return false;
  }

  const scenario::CommunityAssets& s_;
  std::vector<std::vector<std::size_t>> tenants_;
  std::vector<std::size_t> zone_;
  std::vector<int> unlock_;
};

class CapitalProjectProgramme final : public Programme {
 public:
  CapitalProjectProgramme(World& w, std::size_t i, const scenario::CapitalProject& s)
      : Programme(w, i), s_(s) {
    const auto& zones = w.scenario().zones;
    zone_ = static_cast<std::size_t>(
        std::find_if(zones.begin(), zones.end(), [&](const auto& z) { return z.name == s.zone; }) -
        zones.begin());
    // The budget over the schedule, exactly: month k of n gets budget x (k+1)/n - budget x k/n.
    const Pence budget = share_of(s.budget, w.scenario().population_scale);
    const std::vector<std::int64_t> even(static_cast<std::size_t>(s.months), 1);
    schedule_ = split_proportional(budget, even);
  }

  void apply(World& w, int month) override {
    const int k = month - start_;
    if (k < 0 || closed_) return;
    if (!contractor_opened_) open_contractor(w, month);
    auto& bs = businesses(w);
    if (k >= s_.months || month > end_) {
      finish(w);
      return;
    }
    // This month's spend reaches the contractor through the programmes sector.
    const Pence spend = schedule_[static_cast<std::size_t>(k)];
    bs.cash[contractor_] += spend;
    bs.revenue[contractor_] += spend;
    pay(w, s_.funder == "government" ? Sector::government : Sector::rest_of_world, Sector::firms,
        spend);
    double residents = 0;
    const auto employer = anchor_count(w) + static_cast<std::int32_t>(contractor_);
    for (std::size_t p = 0; p < persons(w).size(); ++p)
      if (persons(w).employer[p] == employer) residents += 1;
    outputs(w).participants = residents;
  }

 private:
  void open_contractor(World& w, int month) {
    contractor_opened_ = true;
    scenario::FirmParams params = w.scenario().firms;
    params.wage_share = s_.labour_share;
    params.input_share = 1.0 - s_.labour_share;
    params.local_input_share = s_.local_supply_share;
    params.rent_share = 0.0;
    params.payout_share = 1.0;
    params.cash_months = 0.0;
    params.demand_smoothing = 1.0;
    params.resident_staff_share = s_.local_labour_share;
    params.closure_rate = 0.0;
    params.exit_after_months = 600;
    params.mean_wage = s_.wage;
    const auto set = add_parameter_set(w, params);
    const auto id = programme_agent_id(ids::kBusinessBirthTag | ids::kProgrammeTag, month, zone_,
                                       name_hash(), 0xfff);
    contractor_ =
        open_business(w, static_cast<std::uint16_t>(zone_), BusinessKind::firm, id, false);
    auto& bs = businesses(w);
    bs.owner_household[contractor_] = -1;  // a national contractor: its profits leave the area
    bs.params[contractor_] = set;
    bs.unit_wage[contractor_] = s_.wage;
    bs.external_demand[contractor_] = 0;
    bs.expected_revenue[contractor_] = schedule_.empty() ? 0 : schedule_.front();
    // The start-up capital open_business booked stays as working capital.
    // Apprentices: resident job seekers with skills below L3 hired first.
    const auto places =
        static_cast<std::int64_t>(std::llround(s_.apprenticeships * w.scenario().population_scale));
    std::int64_t hired = 0;
    auto& ps = persons(w);
    const auto employer = anchor_count(w) + static_cast<std::int32_t>(contractor_);
    for (auto p : job_seekers(w, -1, false, month, 2)) {
      if (hired >= places) break;
      if (!targets(ps.zone[p]) || ps.skill[p] >= 3) continue;
      hire(w, p, employer);
      ps.flags[p] = static_cast<std::uint8_t>(ps.flags[p] | kApprentice);
      ++hired;
    }
  }

  void finish(World& w) {
    closed_ = true;
    auto& ps = persons(w);
    const auto employer = anchor_count(w) + static_cast<std::int32_t>(contractor_);
    for (std::size_t p = 0; p < ps.size(); ++p)
      if (ps.employer[p] == employer && (ps.flags[p] & kApprentice)) {
        ps.skill[p] = static_cast<std::uint8_t>(std::min(4, ps.skill[p] + 1));
        ps.flags[p] = static_cast<std::uint8_t>(ps.flags[p] & ~kApprentice);
        outputs(w).completions += 1;
      }
    close_business(w, contractor_);
  }

  const scenario::CapitalProject& s_;
  std::size_t zone_ = 0;
  std::vector<Pence> schedule_;
  std::size_t contractor_ = 0;
  bool contractor_opened_ = false;
  bool closed_ = false;
};

class HousingDevelopmentProgramme final : public Programme {
 public:
  HousingDevelopmentProgramme(World& w, std::size_t i, const scenario::HousingDevelopment& s)
      : Programme(w, i), s_(s) {
    const auto& zones = w.scenario().zones;
    zone_ = static_cast<std::uint16_t>(
        std::find_if(zones.begin(), zones.end(), [&](const auto& z) { return z.name == s.zone; }) -
        zones.begin());
    const auto homes =
        static_cast<std::int64_t>(std::llround(s.homes * w.scenario().population_scale));
    schedule_ =
        split_proportional(homes, std::vector<std::int64_t>(static_cast<std::size_t>(s.months), 1));
  }

  void apply(World& w, int month) override {
    const int k = month - start_;
    if (k < 0 || k >= s_.months || month > end_) return;
    const auto completed = static_cast<std::int32_t>(schedule_[static_cast<std::size_t>(k)]);
    move_in(w, zone_, completed, ids::kHousingTag, (name_hash() & 0xfff) << 12);
    outputs(w).completions = completed;
    outputs(w).participants = completed;
  }

 private:
  const scenario::HousingDevelopment& s_;
  std::uint16_t zone_ = 0;
  std::vector<Pence> schedule_;
};

}  // namespace

std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::SocialEnterpriseSupport& s) {
  return std::make_unique<SocialEnterpriseSupportProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::CommunityAssets& s) {
  return std::make_unique<CommunityAssetsProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::CapitalProject& s) {
  return std::make_unique<CapitalProjectProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::HousingDevelopment& s) {
  return std::make_unique<HousingDevelopmentProgramme>(w, i, s);
}

}  // namespace cwb::model
