// Additionality per programme from paired person outcomes (policy run vs baseline run of the
// same replicate), its summary over replicates and the `additionality` group of the results file.
#include "sim/ensemble/additionality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "sim/ensemble/effects.hpp"

namespace cwb::ensemble {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using A = Additionality;

}  // namespace

const std::array<AdditionalityInfo, kAdditionalityMeasures> kAdditionalityInfo = {{
    {"participants", "persons the programme enrolled or employed", "1",
     "persons whose programme (PersonOutcome.programme) is this one in the policy run; 'all': any "
     "programme"},
    {"gross_at_horizon", "gross outcome: participants in work at the horizon", "1",
     "participants employed in the last month of the policy run (a participant who left the area "
     "counts with "
     "their status when they left)"},
    {"deadweight_at_horizon",
     "deadweight: the same participants in work at the horizon of the baseline run", "1",
     "participants (of the policy run) employed in the last month of the baseline run, same "
     "replicate; absent "
     "from the baseline run = not in work"},
    {"displacement_at_horizon",
     "displacement: employment lost by non-participants against the baseline", "1",
     "sum over non-participants of (employed in baseline - employed in policy run) at the horizon: "
     "the net "
     "change, so negative values are gains of non-participants (indirect jobs, multiplier); per "
     "programme the "
     "scenario's total is shared in proportion to the programmes' positive gross - deadweight"},
    {"leakage_at_horizon", "leakage: participants' extra jobs held by people who left the area",
     "1",
     "sum over participants not resident at the horizon of max(0, employed in policy run - "
     "employed in "
     "baseline); part of net, not subtracted from it"},
    {"net_at_horizon", "net additional outcome at the horizon", "1",
     "gross - deadweight - displacement = change in employment of the participants and of the "
     "non-participants present in both runs"},
    {"gross_person_months", "gross outcome: participants' months in work over the horizon", "1",
     "sum over participants of months employed in the policy run"},
    {"deadweight_person_months",
     "deadweight: the same participants' months in work in the baseline run", "1",
     "sum over participants of months employed in the baseline run"},
    {"displacement_person_months",
     "displacement: non-participants' months in work lost against the baseline", "1",
     "sum over non-participants of (months employed in baseline - in policy run); negative = "
     "gains"},
    {"leakage_person_months",
     "leakage: participants' extra months in work of people who left the area", "1",
     "sum over participants not resident at the horizon of max(0, months in policy run - months in "
     "baseline)"},
    {"net_person_months", "net additional person-months of employment", "1",
     "gross - deadweight - displacement (person-months)"},
    {"nonparticipant_losses_at_horizon", "non-participants in work in the baseline run only", "1",
     "gross losses behind displacement (scenario total, slot 'all' only): mostly churn after the "
     "runs' draws "
     "part, matched by gains"},
    {"nonparticipant_gains_at_horizon", "non-participants in work in the policy run only", "1",
     "gross gains behind displacement (scenario total, slot 'all' only)"},
}};

const std::array<AdditionalityInfo, kAdditionalityShares> kAdditionalityShareInfo = {{
    {"deadweight_share_at_horizon", "deadweight as a share of the gross outcome", "1",
     "ratio of means deadweight / gross over replicates, delta-method t interval; NaN if gross <= "
     "0"},
    {"displacement_share_at_horizon", "displacement as a share of participants' extra jobs", "1",
     "ratio of means displacement / (gross - deadweight), delta-method t interval; NaN if gross - "
     "deadweight "
     "<= 0; compare the HCA displacement bands"},
    {"leakage_share_at_horizon", "leakage as a share of participants' extra jobs", "1",
     "ratio of means leakage / (gross - deadweight), delta-method t interval; NaN if gross - "
     "deadweight <= 0; "
     "compare the HCA leakage bands"},
}};

std::string_view nearest_band(std::span<const HcaBand> bands, double share) {
  if (!std::isfinite(share) || bands.empty()) return "n/a";
  const auto* best = &bands.front();
  for (const auto& b : bands)
    if (std::fabs(b.share - share) < std::fabs(best->share - share)) best = &b;
  return best->label;
}

std::vector<double> measure_additionality(std::span<const model::PersonOutcome> baseline,
                                          std::span<const model::PersonOutcome> policy,
                                          int programmes) {
  const auto slots = static_cast<std::size_t>(programmes) + 1;
  const std::size_t all = slots - 1;
  std::vector<double> out(slots * kAdditionalityMeasures, 0.0);
  auto at = [&](std::size_t slot, A a) -> double& {
    return out[slot * kAdditionalityMeasures + static_cast<std::size_t>(a)];
  };
  // Non-participants' net change, by merge over the union of ids (both sorted by id); only
  // people present in both runs are compared.
  double lost = 0, gained = 0, lost_months = 0;
  const model::PersonOutcome absent{};
  std::size_t i = 0, j = 0;
  while (i < baseline.size() || j < policy.size()) {
    const bool take_base =
        i < baseline.size() && (j >= policy.size() || baseline[i].id <= policy[j].id);
    const bool take_policy =
        j < policy.size() && (i >= baseline.size() || policy[j].id <= baseline[i].id);
    const auto& b = take_base ? baseline[i] : absent;
    const auto& p = take_policy ? policy[j] : absent;
    if (take_base) ++i;
    if (take_policy) ++j;
    const double eb = b.employed_at_end, ep = take_policy ? p.employed_at_end : 0.0;
    const double mb = b.months_employed, mp = take_policy ? p.months_employed : 0.0;
    const int programme = take_policy ? p.programme : -1;
    if (programme < 0 || programme >= programmes) {
      // Displacement compares the same people: someone who lived in the area in one run only
      // (a new home's household, a mover whose luck differed) has no counterpart to lose to.
      if (!(take_base && take_policy)) continue;
      lost += eb > ep ? 1.0 : 0.0;
      gained += ep > eb ? 1.0 : 0.0;
      lost_months += mb - mp;
      continue;
    }
    for (const auto slot : {static_cast<std::size_t>(programme), all}) {
      at(slot, A::participants) += 1;
      at(slot, A::gross_at_horizon) += ep;
      at(slot, A::deadweight_at_horizon) += eb;
      at(slot, A::gross_person_months) += mp;
      at(slot, A::deadweight_person_months) += mb;
      if (!p.resident_at_end) {
        at(slot, A::leakage_at_horizon) += std::max(0.0, ep - eb);
        at(slot, A::leakage_person_months) += std::max(0.0, mp - mb);
      }
    }
  }
  at(all, A::displacement_at_horizon) = lost - gained;
  at(all, A::displacement_person_months) = lost_months;
  at(all, A::nonparticipant_losses_at_horizon) = lost;
  at(all, A::nonparticipant_gains_at_horizon) = gained;
  // Displacement is seen only for the scenario as a whole; each programme carries a part in
  // proportion to the extra jobs of its own participants (equal parts if none has any).
  for (const auto& [displacement, gross, deadweight] :
       {std::tuple{A::displacement_at_horizon, A::gross_at_horizon, A::deadweight_at_horizon},
        std::tuple{A::displacement_person_months, A::gross_person_months,
                   A::deadweight_person_months}}) {
    double total = 0;
    for (std::size_t s = 0; s < all; ++s)
      total += std::max(0.0, at(s, gross) - at(s, deadweight));
    for (std::size_t s = 0; s < all; ++s) {
      const double weight = total > 0 ? std::max(0.0, at(s, gross) - at(s, deadweight)) / total
                                      : 1.0 / static_cast<double>(all);
      at(s, displacement) = weight * at(all, displacement);
    }
  }
  for (std::size_t s = 0; s < slots; ++s) {
    at(s, A::net_at_horizon) = at(s, A::gross_at_horizon) - at(s, A::deadweight_at_horizon) -
                               at(s, A::displacement_at_horizon);
    at(s, A::net_person_months) = at(s, A::gross_person_months) -
                                  at(s, A::deadweight_person_months) -
                                  at(s, A::displacement_person_months);
    if (s != all) {
      at(s, A::nonparticipant_losses_at_horizon) = kNaN;
      at(s, A::nonparticipant_gains_at_horizon) = kNaN;
    }
  }
  return out;
}

AdditionalityTable summarise_additionality(std::span<const double> counts, int scenarios,
                                           int replicates, std::vector<std::string> programmes,
                                           int baseline) {
  AdditionalityTable t;
  t.available = true;
  t.baseline = baseline;
  t.scenarios = scenarios;
  t.replicates = replicates;
  t.programmes = std::move(programmes);
  const auto slots = t.programmes.size();
  const auto n = static_cast<std::size_t>(replicates);
  t.values.assign(static_cast<std::size_t>(scenarios) * slots * kAdditionalityMeasures, {});
  t.shares.assign(static_cast<std::size_t>(scenarios) * slots * kAdditionalityShares, {});
  std::vector<double> series(n);
  auto fill = [&](std::size_t s, std::size_t slot, A a) {
    for (std::size_t r = 0; r < n; ++r)
      series[r] = counts[((s * n + r) * slots + slot) * kAdditionalityMeasures +
                         static_cast<std::size_t>(a)];
    return series;
  };
  for (std::size_t s = 0; s < static_cast<std::size_t>(scenarios); ++s)
    for (std::size_t slot = 0; slot < slots; ++slot) {
      for (int k = 0; k < kAdditionalityMeasures; ++k) {
        const auto values = fill(s, slot, static_cast<A>(k));
        const bool missing =
            std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
        t.values[(s * slots + slot) * kAdditionalityMeasures + static_cast<std::size_t>(k)] =
            missing ? Estimate{kNaN, kNaN, kNaN} : mean_interval(values);
      }
      const auto gross = fill(s, slot, A::gross_at_horizon);
      const auto deadweight = fill(s, slot, A::deadweight_at_horizon);
      std::vector<double> extra(n);
      for (std::size_t r = 0; r < n; ++r)
        extra[r] = gross[r] - deadweight[r];
      auto* share = &t.shares[(s * slots + slot) * kAdditionalityShares];
      share[0] = ratio_of_means(deadweight, gross);
      share[1] = ratio_of_means(fill(s, slot, A::displacement_at_horizon), extra);
      share[2] = ratio_of_means(fill(s, slot, A::leakage_at_horizon), extra);
    }
  return t;
}

io::Group additionality_group(const AdditionalityTable& t, const StudyLabels& labels) {
  io::Group g{"additionality", {}, {}, {}};
  g.attributes = {
      {"baseline", labels.scenarios[static_cast<std::size_t>(t.baseline)]},
      {"replicates", static_cast<std::int64_t>(t.replicates)},
      {"confidence_level", kConfidenceLevel},
      {"method",
       std::string(
           "per replicate, the policy run's persons against the same persons (same id) in the "
           "baseline run of that replicate; mean and t interval over replicates "
           "(docs/comparison.md)")},
      {"identity", std::string("net = gross - deadweight - displacement in every replicate")},
      {"baseline_rows",
       std::string("the baseline compared with itself: exactly 0; a programme the scenario "
                   "does not have: NaN")},
      {"hca_source", std::string(kHcaSource)},
      {"hca_leakage_bands", std::string("0, 0.10, 0.25, 0.50, 0.75")},
      {"hca_displacement_bands", std::string("0, 0.25, 0.50, 0.75, 1.00")},
      {"hca_composite_multiplier", std::string("1.1, 1.5, 1.9")},
  };
  g.coordinates = {
      {"scenario", "scenario name", "", labels.scenarios, {}},
      {"programme",
       "programme (the study's programmes; 'all': every participant of the scenario)",
       "",
       t.programmes,
       {}},
      {"statistic",
       "estimate: mean and paired 95% CI",
       "",
       std::vector<std::string>{"mean", "ci_low", "ci_high"},
       {}},
  };
  const auto slots = t.programmes.size();
  auto add = [&](const AdditionalityInfo& info, auto get) {
    std::vector<double> values;
    for (int s = 0; s < t.scenarios; ++s)
      for (std::size_t slot = 0; slot < slots; ++slot) {
        const Estimate e = get(s, static_cast<int>(slot));
        values.insert(values.end(), {e.mean, e.low, e.high});
      }
    g.variables.push_back({std::string(info.name),
                           std::string(info.long_name),
                           std::string(info.units),
                           {"scenario", "programme", "statistic"},
                           std::move(values),
                           {{"description", std::string(info.description)}}});
  };
  for (int k = 0; k < kAdditionalityMeasures; ++k)
    add(kAdditionalityInfo[static_cast<std::size_t>(k)],
        [&](int s, int slot) { return t.value(s, slot, static_cast<A>(k)); });
  for (int k = 0; k < kAdditionalityShares; ++k)
    add(kAdditionalityShareInfo[static_cast<std::size_t>(k)],
        [&](int s, int slot) { return t.share(s, slot, static_cast<AdditionalityShare>(k)); });
  return g;
}

AdditionalityTable read_additionality(const io::ResultsDocument& doc, const StudyLabels& labels) {
  AdditionalityTable t;
  const io::Group* g = nullptr;
  for (const auto& group : doc.groups)
    if (group.name == "additionality") g = &group;
  if (g == nullptr) return t;
  for (const auto& [name, value] : g->attributes)
    if (name == "baseline" && std::holds_alternative<std::string>(value)) {
      const auto& base = std::get<std::string>(value);
      const auto it = std::find(labels.scenarios.begin(), labels.scenarios.end(), base);
      if (it == labels.scenarios.end()) return t;
      t.baseline = static_cast<int>(it - labels.scenarios.begin());
    } else if (name == "replicates" && std::holds_alternative<std::int64_t>(value)) {
      t.replicates = static_cast<int>(std::get<std::int64_t>(value));
    }
  for (const auto& c : g->coordinates)
    if (c.name == "programme" && std::holds_alternative<std::vector<std::string>>(c.values))
      t.programmes = std::get<std::vector<std::string>>(c.values);
  t.scenarios = static_cast<int>(labels.scenarios.size());
  const auto cells = static_cast<std::size_t>(t.scenarios) * t.programmes.size();
  if (cells == 0) return t;
  auto read = [&](std::string_view name, std::vector<Estimate>& into, std::size_t k,
                  std::size_t per) {
    for (const auto& v : g->variables) {
      if (v.name != name || !std::holds_alternative<std::vector<double>>(v.values)) continue;
      const auto& x = std::get<std::vector<double>>(v.values);
      if (x.size() != cells * 3) return false;
      for (std::size_t c = 0; c < cells; ++c)
        into[c * per + k] = {x[3 * c], x[3 * c + 1], x[3 * c + 2]};
      return true;
    }
    return false;
  };
  t.values.assign(cells * kAdditionalityMeasures, {kNaN, kNaN, kNaN});
  t.shares.assign(cells * kAdditionalityShares, {kNaN, kNaN, kNaN});
  for (std::size_t k = 0; k < kAdditionalityMeasures; ++k)
    if (!read(kAdditionalityInfo[k].name, t.values, k, kAdditionalityMeasures))
      return AdditionalityTable{};
  for (std::size_t k = 0; k < kAdditionalityShares; ++k)
    read(kAdditionalityShareInfo[k].name, t.shares, k, kAdditionalityShares);
  t.available = true;
  return t;
}

}  // namespace cwb::ensemble
