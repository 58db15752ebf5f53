// Paired effects of every scenario against the baseline, per indicator and month, and the
// `effects` and `value_for_money` groups of the results file.
#include "sim/ensemble/effects.hpp"

#include "sim/core/errors.hpp"
#include "sim/ensemble/value_for_money.hpp"

namespace cwb::ensemble {

using accounting::kAnchorIndicators;
using accounting::kZoneIndicators;

const std::array<MeasureInfo, kTotals> kTotalInfo = {{
    {"employed_residents_gain_at_horizon", "residents in work gained in the last month", "1",
     "effect on employment_rate x working_age_population (employed residents) in the last month"},
    {"employment_person_months_gain", "person-months of employment gained over the horizon", "1",
     "sum over months of the effect on employed residents (employment_rate x "
     "working_age_population)"},
    {"local_income_gain", "net local income of households gained over the horizon", "GBP",
     "sum over months of the effect on net local income: payments to households from firms, social "
     "enterprises, anchors, programmes and government, minus households' payments to government"},
    {"local_income_gain_pv", "present value of net local income gained over the horizon", "GBP",
     "as local_income_gain, month m discounted by (1 + discount_rate)^(-m/12), m = 0 the first "
     "month"},
    {"employment_gain_at_baseline_population",
     "residents in work gained in the last month, at the baseline's population", "1",
     "effect on employment_rate x the baseline run's working_age_population (same replicate), last "
     "month: "
     "what the policy did for the area's employment rate, not counting newcomers a policy brings "
     "(new homes)"},
    {"employment_person_months_gain_at_baseline_population",
     "person-months of employment gained over the horizon, at the baseline's population", "1",
     "sum over months of the effect on employment_rate x the baseline run's "
     "working_age_population; the "
     "basis of the social value"},
}};

const std::array<MeasureInfo, kAppraisals> kAppraisalInfo = {{
    {"social_value_pv", "present value of the social value of employment gained", "GBP",
     "HACT value per person-year / 12 x discounted person-months of employment gained at the "
     "baseline's "
     "population (employment rate effect x the baseline run's working-age population)"},
    {"fiscal_effect_pv", "present value of the fiscal effect (government's net position)", "GBP",
     "effect on everything paid to government minus everything government pays except to "
     "programmes "
     "(taxes up and benefits down are positive), discounted"},
    {"net_local_income_pv", "present value of net local income gained", "GBP",
     "the same as effects/local_income_gain_pv"},
    {"programme_costs", "programme costs over the horizon (undiscounted)", "GBP",
     "effect on payments into the programmes sector of the accounts"},
    {"programme_costs_pv", "present value of programme costs", "GBP",
     "effect on payments into the programmes sector, discounted"},
    {"net_additional_jobs", "net additional residents in work at the horizon", "1",
     "effect on employed residents in the last month (the denominator of the cost per job)"},
    {"sroi", "social return on investment: present value of social value per GBP of programme cost",
     "1",
     "ratio of means social_value_pv / programme_costs_pv over replicates, delta-method t "
     "interval; "
     "NaN when nothing is spent"},
    {"cost_per_net_additional_job",
     "present value of programme costs per net additional resident in work", "GBP",
     "ratio of means programme_costs_pv / net_additional_jobs, delta-method t interval; NaN when "
     "nothing is spent or no job is gained; bounds NaN when the jobs interval reaches zero"},
}};

namespace {

std::vector<std::string> zone_indicator_names() {
  std::vector<std::string> names;
  for (const auto& info : accounting::kZoneIndicatorInfo)
    names.emplace_back(info.name);
  return names;
}

std::vector<std::string> anchor_indicator_names() {
  std::vector<std::string> names;
  for (const auto& info : accounting::kAnchorIndicatorInfo)
    names.emplace_back(info.name);
  return names;
}

io::Coordinate scenario_coordinate(const StudyLabels& labels) {
  return {"scenario", "scenario name", "", labels.scenarios, {}};
}

io::Attributes comparison_attributes(const Effects& e, const StudyLabels& labels) {
  return {
      {"baseline", labels.scenarios[static_cast<std::size_t>(e.baseline)]},
      {"replicates", static_cast<std::int64_t>(e.replicates)},
      {"confidence_level", kConfidenceLevel},
      {"paired_interval",
       std::string("mean of the per-replicate differences (scenario - baseline, same replicate) "
                   "+- t(0.975, n-1) x sd / sqrt(n)")},
      {"unpaired_interval",
       std::string("Welch: difference of means +- t(0.975, Welch-Satterthwaite df) x "
                   "sqrt(s1^2/n1 + s2^2/n2), ignoring the pairing")},
      {"single_replicate", std::string("with one replicate every interval bound is NaN")},
      {"discount_rate", e.parameters.discount_rate},
      {"discount_rate_source", std::string(kDiscountRateSource)},
      {"discounting", std::string("month m (0 = first simulated month) is multiplied by "
                                  "(1 + discount_rate)^(-m/12)")},
  };
}

/// Estimates over some dimensions as five variables (mean, paired and unpaired bounds).
void add_five(io::Group& g, const std::string& prefix, const std::string& what,
              const std::vector<std::string>& dims, const std::vector<Estimate>& paired,
              const std::vector<Estimate>& unpaired, const io::Attributes& units_note) {
  const auto pick = [](const std::vector<Estimate>& v, double Estimate::*field) {
    std::vector<double> out(v.size());
    for (std::size_t k = 0; k < v.size(); ++k)
      out[k] = v[k].*field;
    return out;
  };
  g.variables.push_back({prefix + "effect_mean",
                         "mean effect on " + what + " (scenario - baseline)", "", dims,
                         pick(paired, &Estimate::mean), units_note});
  g.variables.push_back({prefix + "effect_ci_low",
                         "lower bound of the paired 95% CI of the effect on " + what, "", dims,
                         pick(paired, &Estimate::low), units_note});
  g.variables.push_back({prefix + "effect_ci_high",
                         "upper bound of the paired 95% CI of the effect on " + what, "", dims,
                         pick(paired, &Estimate::high), units_note});
  g.variables.push_back({prefix + "unpaired_ci_low",
                         "lower bound of the unpaired (Welch) 95% CI of the effect on " + what, "",
                         dims, pick(unpaired, &Estimate::low), units_note});
  g.variables.push_back({prefix + "unpaired_ci_high",
                         "upper bound of the unpaired (Welch) 95% CI of the effect on " + what, "",
                         dims, pick(unpaired, &Estimate::high), units_note});
}

}  // namespace

Effects compute_effects(const StudyResults& res, int baseline,
                        const AppraisalParameters& parameters) {
  if (baseline < 0 || baseline >= res.scenarios)
    throw InternalError("compute_effects: baseline index out of range");
  Effects e;
  e.scenarios = res.scenarios;
  e.months = res.months;
  e.anchors = res.anchors;
  e.replicates = res.replicates;
  e.baseline = baseline;
  e.parameters = parameters;
  const auto n = static_cast<std::size_t>(res.replicates);
  const int all = res.zones - 1;
  std::vector<double> mine(n), base(n);

  e.zone.assign(static_cast<std::size_t>(e.scenarios) * kZoneIndicators * e.months, {});
  e.zone_unpaired = e.zone;
  for (int s = 0; s < e.scenarios; ++s)
    for (int i = 0; i < kZoneIndicators; ++i)
      for (int m = 0; m < e.months; ++m) {
        const auto cell = (static_cast<std::size_t>(s) * kZoneIndicators + i) * e.months + m;
        if (s == baseline) continue;  // exactly zero by definition, whatever n is
        const auto indicator = static_cast<accounting::ZoneIndicator>(i);
        for (std::size_t r = 0; r < n; ++r) {
          mine[r] = res.zone_indicator(s, static_cast<int>(r), m, all, indicator);
          base[r] = res.zone_indicator(baseline, static_cast<int>(r), m, all, indicator);
        }
        e.zone[cell] = paired_effect(mine, base);
        e.zone_unpaired[cell] = welch_effect(mine, base);
      }

  e.anchor.assign(static_cast<std::size_t>(e.scenarios) * kAnchorIndicators * e.months * e.anchors,
                  {});
  e.anchor_unpaired = e.anchor;
  for (int s = 0; s < e.scenarios; ++s)
    for (int k = 0; k < kAnchorIndicators; ++k)
      for (int m = 0; m < e.months; ++m)
        for (int a = 0; a < e.anchors; ++a) {
          const auto cell =
              ((static_cast<std::size_t>(s) * kAnchorIndicators + k) * e.months + m) * e.anchors +
              a;
          if (s == baseline) continue;
          const auto indicator = static_cast<accounting::AnchorIndicator>(k);
          for (std::size_t r = 0; r < n; ++r) {
            mine[r] = res.anchor_indicator(s, static_cast<int>(r), m, a, indicator);
            base[r] = res.anchor_indicator(baseline, static_cast<int>(r), m, a, indicator);
          }
          e.anchor[cell] = paired_effect(mine, base);
          e.anchor_unpaired[cell] = welch_effect(mine, base);
        }

  std::vector<RunTotals> runs(static_cast<std::size_t>(e.scenarios) * n);
  for (int s = 0; s < e.scenarios; ++s)
    for (std::size_t r = 0; r < n; ++r)
      runs[static_cast<std::size_t>(s) * n + r] =
          run_totals(res, s, static_cast<int>(r), parameters, baseline);
  appraise(e, runs);
  return e;
}

io::Group effects_group(const Effects& e, const StudyLabels& labels) {
  io::Group g{"effects", comparison_attributes(e, labels), {}, {}};
  g.coordinates = {
      scenario_coordinate(labels),
      {"indicator",
       "area indicator (a variable of group indicators, zone 'all')",
       "",
       zone_indicator_names(),
       {}},
      labels.month,
      {"anchor_indicator",
       "anchor indicator (a variable of group anchors)",
       "",
       anchor_indicator_names(),
       {}},
      {"anchor", "anchor institution", "", labels.anchors, {}},
      {"statistic",
       "estimate: mean effect, paired 95% CI, unpaired (Welch) 95% CI",
       "",
       std::vector<std::string>{"mean", "ci_low", "ci_high", "unpaired_ci_low", "unpaired_ci_high"},
       {}},
  };
  std::vector<std::string> units, long_names, anchor_units, anchor_long_names;
  for (const auto& info : accounting::kZoneIndicatorInfo) {
    units.emplace_back(info.units);
    long_names.emplace_back(info.long_name);
  }
  for (const auto& info : accounting::kAnchorIndicatorInfo) {
    anchor_units.emplace_back(info.units);  // spend in GBP here (the anchors group stores pence)
    anchor_long_names.emplace_back(info.long_name);
  }
  add_five(g, "", "the area indicator", {"scenario", "indicator", "month"}, e.zone, e.zone_unpaired,
           {{"units_variable", std::string("indicator_units")},
            {"description", std::string("units are those of the indicator: see indicator_units")}});
  g.variables.push_back({"indicator_units",
                         "CF units of the indicator and of its effects",
                         "",
                         {"indicator"},
                         units,
                         {}});
  g.variables.push_back(
      {"indicator_long_name", "meaning of the indicator", "", {"indicator"}, long_names, {}});
  add_five(g, "anchor_", "the anchor indicator",
           {"scenario", "anchor_indicator", "month", "anchor"}, e.anchor, e.anchor_unpaired,
           {{"units_variable", std::string("anchor_indicator_units")},
            {"description",
             std::string("units are those of the anchor indicator: see anchor_indicator_units")}});
  g.variables.push_back({"anchor_indicator_units",
                         "CF units of the anchor indicator and of its effects",
                         "",
                         {"anchor_indicator"},
                         anchor_units,
                         {}});
  g.variables.push_back({"anchor_indicator_long_name",
                         "meaning of the anchor indicator",
                         "",
                         {"anchor_indicator"},
                         anchor_long_names,
                         {}});
  for (int t = 0; t < kTotals; ++t) {
    const auto& info = kTotalInfo[static_cast<std::size_t>(t)];
    std::vector<double> values;
    for (int s = 0; s < e.scenarios; ++s) {
      const auto& p = e.totals[static_cast<std::size_t>(s) * kTotals + t];
      const auto& u = e.totals_unpaired[static_cast<std::size_t>(s) * kTotals + t];
      values.insert(values.end(), {p.mean, p.low, p.high, u.low, u.high});
    }
    g.variables.push_back({std::string(info.name),
                           std::string(info.long_name),
                           std::string(info.units),
                           {"scenario", "statistic"},
                           std::move(values),
                           {{"description", std::string(info.description)}}});
  }
  return g;
}

io::Group value_for_money_group(const Effects& e, const StudyLabels& labels) {
  auto attributes = comparison_attributes(e, labels);
  attributes.push_back(
      {"hact_employment_value_gbp_per_year", e.parameters.hact_employment_value_gbp});
  attributes.push_back({"hact_source", std::string(kHactSource)});
  attributes.push_back(
      {"price_base", std::string("model prices (GBP of the simulation), not rebased; the HACT "
                                 "value is in 2014 prices")});
  attributes.push_back(
      {"ratio_interval",
       std::string("ratio of means over replicates; delta method var(R) = (s_N^2 - 2R s_NC "
                   "+ R^2 s_C^2) / (n mean(C)^2), t(0.975, n-1)")});
  io::Group g{"value_for_money", std::move(attributes), {}, {}};
  g.coordinates = {
      scenario_coordinate(labels),
      {"statistic",
       "estimate: mean and paired 95% CI",
       "",
       std::vector<std::string>{"mean", "ci_low", "ci_high"},
       {}},
  };
  for (int k = 0; k < kAppraisals; ++k) {
    const auto& info = kAppraisalInfo[static_cast<std::size_t>(k)];
    std::vector<double> values;
    for (int s = 0; s < e.scenarios; ++s) {
      const auto& v = e.appraisal[static_cast<std::size_t>(s) * kAppraisals + k];
      values.insert(values.end(), {v.mean, v.low, v.high});
    }
    g.variables.push_back({std::string(info.name),
                           std::string(info.long_name),
                           std::string(info.units),
                           {"scenario", "statistic"},
                           std::move(values),
                           {{"description", std::string(info.description)}}});
  }
  return g;
}

}  // namespace cwb::ensemble
