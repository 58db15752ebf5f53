// The scenario schema: every section and key, its type, range and cross-key rules.
#include "sim/scenario/validate.hpp"

#include <cmath>
#include <sstream>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/programmes.hpp"

namespace cwb::scenario {
namespace {

std::string num(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// Where a cross-key rule failed: the first of `keys` written in the map, else the map itself.
Origin origin_of_key(const TreeNode& map, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (const MapEntry* e = map.find_entry(k)) return e->key_origin;
  return map.origin;
}

std::string first_present(const TreeNode& map, const std::string& path,
                          std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (map.find(k)) return join_path(path, k);
  return path;
}

Reader section(std::function<std::vector<Field>()> fields) {
  return [fields = std::move(fields)](const TreeNode& n, const std::string& p) {
    read_map(n, p, fields());
  };
}

Reader switches_reader(Switches& s) {
  return section([&s] {
    return std::vector<Field>{
        {"taxes", flag(s.taxes)},       {"benefits", flag(s.benefits)},
        {"turnover", flag(s.turnover)}, {"entry_exit", flag(s.entry_exit)},
        {"churn", flag(s.churn)},       {"external_demand", flag(s.external_demand)}};
  });
}

Reader spending_shares_reader(HouseholdParams& h) {
  return [&h](const TreeNode& n, const std::string& p) {
    read_map(n, p,
             {{"rent", real(h.share_rent, share())},
              {"local_independent", real(h.share_local_independent, share())},
              {"social_enterprise", real(h.share_social_enterprise, share())},
              {"chain", real(h.share_chain, share())},
              {"outside", real(h.share_outside, share())}});
    const double sum = h.share_rent + h.share_local_independent + h.share_social_enterprise +
                       h.share_chain + h.share_outside;
    if (std::fabs(sum - 1.0) > 1e-6) {
      // Show every share, since some may be inherited or defaults the user never wrote here.
      std::ostringstream message;
      message << "spending shares must sum to 1, but rent " << h.share_rent
              << " + local_independent " << h.share_local_independent << " + social_enterprise "
              << h.share_social_enterprise << " + chain " << h.share_chain << " + outside "
              << h.share_outside << " = " << sum
              << " (shares not written here are inherited or defaults)";
      fail_at(n.origin, p, message.str());
    }
  };
}

Reader households_reader(HouseholdParams& h) {
  return [&h](const TreeNode& n, const std::string& p) {
    read_map(n, p,
             {{"mpc_low_income", real(h.mpc_low_income, open_closed(0, 1))},
              {"mpc_high_income", real(h.mpc_high_income, open_closed(0, 1))},
              {"mpc_halfway_income_gbp", money(h.mpc_halfway_income, above(0))},
              {"savings_drawdown_rate", real(h.savings_drawdown_rate, closed(0, 1))},
              {"spending_shares", spending_shares_reader(h)},
              {"local_landlord_share", real(h.local_landlord_share, share())},
              {"same_zone_weight", real(h.same_zone_weight, at_least(1))},
              {"purchase_draws", one_of(h.purchase_draws, {"per_business", "per_household"})}});
    if (h.mpc_high_income > h.mpc_low_income)
      fail_at(origin_of_key(n, {"mpc_high_income", "mpc_low_income"}),
              first_present(n, p, {"mpc_high_income", "mpc_low_income"}),
              "mpc_high_income must not exceed mpc_low_income (" + num(h.mpc_high_income) + " > " +
                  num(h.mpc_low_income) + ")");
  };
}

Reader tax_benefit_reader(TaxBenefitParams& t) {
  return section([&t] {
    return std::vector<Field>{
        {"personal_allowance_gbp", money(t.personal_allowance, at_least(0))},
        {"basic_rate", real(t.basic_rate, closed_open(0, 1))},
        {"ni_threshold_gbp", money(t.ni_threshold, at_least(0))},
        {"ni_rate", real(t.ni_rate, closed_open(0, 1))},
        {"standard_allowance_gbp", money(t.standard_allowance, at_least(0))},
        {"child_element_gbp", money(t.child_element, at_least(0))},
        {"housing_element_cap_gbp", money(t.housing_element_cap, at_least(0))},
        {"work_allowance_gbp", money(t.work_allowance, at_least(0))},
        {"taper_rate", real(t.taper_rate, share())},
        {"claim_take_up", real(t.claim_take_up, share())},
        {"claimant_earnings_threshold_gbp", money(t.claimant_earnings_threshold, at_least(0))},
        {"national_median_equivalised_income_gbp", money(t.national_median_income, above(0))},
        {"poverty_line_share", real(t.poverty_line_share, open_closed(0, 1))},
        {"corporation_tax_rate", real(t.corporation_tax_rate, closed_open(0, 1))}};
  });
}

Reader skill_factor_reader(std::array<double, kSkillLevels>& factors) {
  return [&factors](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::list || n.items.size() != kSkillLevels)
      fail_at(n.origin, p,
              "expected a list of " + std::to_string(kSkillLevels) +
                  " numbers (none, L1, L2, L3, L4+), got " +
                  (n.kind == TreeNode::Kind::list ? "a list of " + std::to_string(n.items.size())
                                                  : describe(n)));
    for (std::size_t i = 0; i < n.items.size(); ++i)
      factors[i] = parse_real(n.items[i], p + "[" + std::to_string(i) + "]", above(0));
  };
}

Reader labour_reader(LabourParams& l) {
  return section([&l] {
    return std::vector<Field>{
        {"separation_rate", real(l.separation_rate, share())},
        {"outside_job_loss_rate", real(l.outside_job_loss_rate, share())},
        {"inactive_to_unemployed_rate", real(l.inactive_to_unemployed_rate, share())},
        {"skill_wage_factor", skill_factor_reader(l.skill_wage_factor)},
        {"living_wage_monthly_gbp", money(l.living_wage_monthly, at_least(0))}};
  });
}

Reader firms_reader(FirmParams& f) {
  return [&f](const TreeNode& n, const std::string& p) {
    read_map(n, p,
             {{"resident_staff_share", real(f.resident_staff_share, share())},
              {"size_dispersion", real(f.size_dispersion, closed(0, 3))},
              {"mean_wage_gbp", money(f.mean_wage, above(0))},
              {"wage_share", real(f.wage_share, open(0, 1))},
              {"input_share", real(f.input_share, closed_open(0, 1))},
              {"local_input_share", real(f.local_input_share, share())},
              {"rent_share", real(f.rent_share, closed_open(0, 1))},
              {"local_owner_share", real(f.local_owner_share, share())},
              {"payout_share", real(f.payout_share, share())},
              {"demand_smoothing", real(f.demand_smoothing, open_closed(0, 1))},
              {"exit_after_months", whole(f.exit_after_months, closed(1, 600))},
              {"entry_rate", real(f.entry_rate, share())},
              {"closure_rate", real(f.closure_rate, share())},
              {"closure_margin_sensitivity", real(f.closure_margin_sensitivity, closed(0, 100))},
              {"cash_months", real(f.cash_months, at_least(0))}});
    // Costs above revenue make every business lose money in steady state: surely a typo.
    const double costs = f.wage_share + f.input_share + f.rent_share;
    if (costs > 1.0 + 1e-9)
      fail_at(origin_of_key(n, {"wage_share", "input_share", "rent_share"}),
              first_present(n, p, {"wage_share", "input_share", "rent_share"}),
              "wage_share + input_share + rent_share must be at most 1 (costs cannot exceed "
              "revenue), got " +
                  num(costs));
  };
}

Reader engagement_reader(EngagementParams& e) {
  return section([&e] {
    return std::vector<Field>{{"decay_rate", real(e.decay_rate, share())},
                              {"uptake_gain", real(e.uptake_gain, at_least(0))},
                              {"social_enterprise_formation_gain",
                               real(e.social_enterprise_formation_gain, at_least(0))}};
  });
}

Reader churn_reader(ChurnParams& c) {
  return section([&c] {
    return std::vector<Field>{
        {"move_out_rate", real(c.move_out_rate, share())},
        {"move_out_income_gradient", real(c.move_out_income_gradient, at_least(0))},
        {"ageing_out_rate", real(c.ageing_out_rate, share())},
        {"ageing_in_rate", real(c.ageing_in_rate, share())}};
  });
}

void read_anchor(const TreeNode& n, const std::string& p, Anchor& a, Origin& zone_site) {
  read_map(n, p,
           {{"name", identifier(a.name), true},
            {"long_name", text(a.long_name)},
            {"kind",
             one_of(a.kind, {"hospital", "council", "university", "housing_association", "other"}),
             true},
            {"zone", text(a.zone), true},
            {"annual_budget_gbp", money(a.annual_budget, above(0)), true},
            {"staff", whole(a.staff, at_least(0))},
            {"mean_wage_gbp", money(a.mean_wage, above(0))},
            {"procurement_share", real(a.procurement_share, share())},
            {"local_procurement_share", real(a.local_procurement_share, share())},
            {"social_enterprise_share", real(a.social_enterprise_share, share())},
            {"resident_staff_share", real(a.resident_staff_share, share())},
            {"local_recruitment_share", real(a.local_recruitment_share, share())},
            {"turnover_rate", real(a.turnover_rate, share())}});
  zone_site = n.find("zone")->origin;
  if (a.long_name.empty()) a.long_name = a.name;
  const double local = a.local_procurement_share + a.social_enterprise_share;
  if (local > 1.0 + 1e-9)
    fail_at(origin_of_key(n, {"social_enterprise_share", "local_procurement_share"}),
            first_present(n, p, {"social_enterprise_share", "local_procurement_share"}),
            "local_procurement_share + social_enterprise_share must be at most 1 (both are "
            "shares of the same procurement spend), got " +
                num(local));
}

Reader anchors_reader(std::vector<Anchor>& anchors, ScenarioSites& sites) {
  return [&anchors, &sites](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::list)
      fail_at(n.origin, p, "expected a list of anchor institutions, got " + describe(n));
    if (n.items.empty()) fail_at(n.origin, p, "at least one anchor institution is required");
    anchors.clear();
    sites.anchor_zone.clear();
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const std::string item_path = p + "[" + std::to_string(i) + "]";
      Anchor a;
      Origin zone_site;
      read_anchor(n.items[i], item_path, a, zone_site);
      for (std::size_t j = 0; j < anchors.size(); ++j)
        if (anchors[j].name == a.name)
          fail_at(n.items[i].find("name")->origin, item_path + ".name",
                  "duplicate anchor name '" + a.name + "' (also " + p + "[" + std::to_string(j) +
                      "].name); anchor names label results and must be unique");
      anchors.push_back(std::move(a));
      sites.anchor_zone.push_back(zone_site);
    }
  };
}

Reader programmes_reader(std::vector<ProgrammeEntry>& programmes, ScenarioSites& sites) {
  return [&programmes, &sites](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::list)
      fail_at(n.origin, p, "expected a list of programme entries, got " + describe(n));
    programmes.clear();
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const std::string item_path = p + "[" + std::to_string(i) + "]";
      ProgrammeEntry entry = read_programme_entry(n.items[i], item_path, sites);
      for (const auto& other : programmes)
        if (other.name == entry.name)
          fail_at(n.items[i].find("name")->origin, item_path + ".name",
                  "duplicate programme name '" + entry.name + "'");
      programmes.push_back(std::move(entry));
    }
  };
}

Reader start_reader(YearMonth& start) {
  return [&start](const TreeNode& n, const std::string& p) {
    const std::string& t = parse_text(n, p);
    if (!YearMonth::parse(t, start))
      fail_at(n.origin, p, "expected a year and month as YYYY-MM (e.g. 2017-01), got '" + t + "'");
  };
}

}  // namespace

Scenario read_scenario_tree(const TreeNode& root, ScenarioSites& sites) {
  Scenario s;
  read_map(root, "",
           {{"name", identifier(s.name), true},
            {"title", text(s.title)},
            {"extends", nothing()},  // consumed by the chain loader; listed for did-you-mean
            {"start", start_reader(s.start)},
            {"months", whole(s.months, closed(1, 600))},
            {"seed", unsigned_whole(s.seed)},
            {"replicates", whole(s.replicates, closed(1, 10000))},
            {"population_scale", real(s.population_scale, open_closed(0, 100))},
            {"zones_file",
             [&](const TreeNode& n, const std::string& p) {
               s.zones_file = parse_text(n, p);
               if (s.zones_file.empty()) fail_at(n.origin, p, "expected a file name, got ''");
               sites.zones_file = n.origin;
             },
             true},
            {"switches", switches_reader(s.switches)},
            {"households", households_reader(s.households)},
            {"tax_benefit", tax_benefit_reader(s.tax_benefit)},
            {"labour", labour_reader(s.labour)},
            {"firms", firms_reader(s.firms)},
            {"social_enterprises", firms_reader(s.social_enterprises)},
            {"anchors", anchors_reader(s.anchors, sites), true},
            {"population_churn", churn_reader(s.population_churn)},
            {"engagement", engagement_reader(s.engagement)},
            {"programmes", programmes_reader(s.programmes, sites)}});
  return s;
}

}  // namespace cwb::scenario
