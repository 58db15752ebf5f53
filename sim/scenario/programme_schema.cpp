// The programme registry and schema: each type's keys, types, ranges and cross-key rules.
#include <algorithm>
#include <functional>
#include <map>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/programmes.hpp"
#include "sim/scenario/validate.hpp"

namespace cwb::scenario {
namespace {

Reader year_month(YearMonth& out) {
  return [&out](const TreeNode& n, const std::string& p) {
    const std::string& t = parse_text(n, p);
    if (!YearMonth::parse(t, out))
      fail_at(n.origin, p, "expected a year and month as YYYY-MM (e.g. 2018-04), got '" + t + "'");
  };
}

/// A number (constant) or {from, to, start, months}; both ends must lie in `range`.
Reader ramp(Ramp& out, Range range) {
  return [&out, range](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::map) {
      out = Ramp::constant(parse_real(n, p, range));
      return;
    }
    Ramp r;
    read_map(n, p,
             {{"from", real(r.from, range), true},
              {"to", real(r.to, range), true},
              {"start", year_month(r.start)},
              {"months", whole(r.months, closed(0, 600))}});
    out = r;
  };
}

/// A list of names; each is checked later against the zones file or the anchors.
Reader name_list(std::vector<std::string>& out, ScenarioSites& sites, NameReference::Kind kind) {
  return [&out, &sites, kind](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::list)
      fail_at(n.origin, p, "expected a list of names, got " + describe(n));
    out.clear();
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const std::string item_path = p + "[" + std::to_string(i) + "]";
      const std::string& name = parse_text(n.items[i], item_path);
      if (std::find(out.begin(), out.end(), name) != out.end())
        fail_at(n.items[i].origin, item_path, "'" + name + "' is listed twice");
      out.push_back(name);
      sites.references.push_back({n.items[i].origin, item_path, name, kind});
    }
  };
}

Reader name_ref(std::string& out, ScenarioSites& sites, NameReference::Kind kind) {
  return [&out, &sites, kind](const TreeNode& n, const std::string& p) {
    out = parse_text(n, p);
    sites.references.push_back({n.origin, p, out, kind});
  };
}

Reader eligibility_list(std::uint8_t& out) {
  return [&out](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::list || n.items.empty())
      fail_at(n.origin, p,
              "expected a non-empty list of: unemployed, inactive, overseas_qualified");
    out = 0;
    const std::map<std::string, Eligibility> known = {
        {"unemployed", Eligibility::unemployed},
        {"inactive", Eligibility::inactive},
        {"overseas_qualified", Eligibility::overseas_qualified}};
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const std::string item_path = p + "[" + std::to_string(i) + "]";
      const std::string& t = parse_text(n.items[i], item_path);
      const auto it = known.find(t);
      if (it == known.end())
        fail_at(n.items[i].origin, item_path,
                unknown_name_message("eligibility group", t,
                                     {"unemployed", "inactive", "overseas_qualified"}));
      out = static_cast<std::uint8_t>(out | static_cast<std::uint8_t>(it->second));
    }
  };
}

using Specific = std::function<std::vector<Field>(ProgrammeSettings&, ScenarioSites&)>;

template <class T> T& as(ProgrammeSettings& s) { return std::get<T>(s); }

// The registry: type name -> (empty settings, its own keys). Documented in docs/scenarios.md
// in this order.
struct TypeInfo {
  std::string name;
  std::function<ProgrammeSettings()> make;
  Specific fields;
};

const std::vector<TypeInfo>& registry() {
  static const std::vector<TypeInfo> types = {
      {"skills_matching", [] { return ProgrammeSettings{SkillsMatching{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<SkillsMatching>(s);
         return std::vector<Field>{
             {"places_per_month", ramp(x.places_per_month, closed(0, 100000))},
             {"eligibility", eligibility_list(x.eligibility)},
             {"outreach", real(x.outreach, share())},
             {"uptake", real(x.uptake, share())},
             {"duration_months", whole(x.duration_months, closed(1, 36))},
             {"completion_rate", real(x.completion_rate, share())},
             {"skill_gain", whole(x.skill_gain, closed(0, 4))},
             {"recognise_overseas_qualifications", flag(x.recognise_overseas_qualifications)},
             {"priority_months", whole(x.priority_months, closed(0, 60))},
             {"anchors", name_list(x.anchors, sites, NameReference::Kind::anchor)},
             {"cost_per_place_gbp", money(x.cost_per_place, at_least(0))}};
       }},
      {"community_research", [] { return ProgrammeSettings{CommunityResearch{}}; },
       [](ProgrammeSettings& s, ScenarioSites&) {
         auto& x = as<CommunityResearch>(s);
         return std::vector<Field>{
             {"researchers_per_zone", whole(x.researchers_per_zone, closed(0, 1000))},
             {"wage_gbp", money(x.wage, above(0)), true},
             {"engagement_gain", real(x.engagement_gain, share())},
             {"overhead_per_researcher_gbp", money(x.overhead_per_researcher, at_least(0))}};
       }},
      {"social_enterprise_support", [] { return ProgrammeSettings{SocialEnterpriseSupport{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<SocialEnterpriseSupport>(s);
         return std::vector<Field>{
             {"grants_per_month", ramp(x.grants_per_month, closed(0, 1000))},
             {"grant_gbp", money(x.grant, at_least(0))},
             {"start_size_share", real(x.start_size_share, open_closed(0, 2))},
             {"mentoring_months", whole(x.mentoring_months, closed(0, 120))},
             {"mentoring_closure_reduction", real(x.mentoring_closure_reduction, share())},
             {"mentoring_extra_months", whole(x.mentoring_extra_months, closed(0, 60))},
             {"mentoring_cost_gbp", money(x.mentoring_cost, at_least(0))},
             {"matchmaking_share_gain", ramp(x.matchmaking_share_gain, share())},
             {"anchors", name_list(x.anchors, sites, NameReference::Kind::anchor)}};
       }},
      {"community_assets", [] { return ProgrammeSettings{CommunityAssets{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<CommunityAssets>(s);
         return std::vector<Field>{
             {"assets",
              [&x, &sites](const TreeNode& n, const std::string& p) {
                if (n.kind != TreeNode::Kind::list || n.items.empty())
                  fail_at(n.origin, p, "expected a non-empty list of assets, got " + describe(n));
                x.assets.clear();
                for (std::size_t i = 0; i < n.items.size(); ++i) {
                  const std::string ip = p + "[" + std::to_string(i) + "]";
                  CommunityAsset a;
                  read_map(
                      n.items[i], ip,
                      {{"name", identifier(a.name), true},
                       {"zone", name_ref(a.zone, sites, NameReference::Kind::zone), true},
                       {"kind",
                        one_of(a.kind, {"park", "reservoir", "building", "workspace", "other"})},
                       {"unlock", year_month(a.unlock)},
                       {"tenancies", whole(a.tenancies, closed(0, 1000))},
                       {"activity_hours_per_month", real(a.activity_hours_per_month, at_least(0))},
                       {"rent_discount", real(a.rent_discount, share())},
                       {"running_cost_gbp", money(a.running_cost, at_least(0))}});
                  for (const auto& other : x.assets)
                    if (other.name == a.name)
                      fail_at(n.items[i].find("name")->origin, ip + ".name",
                              "duplicate asset name '" + a.name + "'");
                  x.assets.push_back(a);
                }
              },
              true},
             {"engagement_per_1000_hours", real(x.engagement_per_1000_hours, at_least(0))}};
       }},
      {"anchor_procurement", [] { return ProgrammeSettings{AnchorProcurement{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<AnchorProcurement>(s);
         return std::vector<Field>{
             {"anchor", name_ref(x.anchor, sites, NameReference::Kind::anchor), true},
             {"local_procurement_share",
              [&x](const TreeNode& n, const std::string& p) {
                ramp(x.local_procurement_share, share())(n, p);
                x.sets_local = true;
              }},
             {"social_enterprise_share", [&x](const TreeNode& n, const std::string& p) {
                ramp(x.social_enterprise_share, share())(n, p);
                x.sets_social_enterprise = true;
              }}};
       }},
      {"anchor_recruitment", [] { return ProgrammeSettings{AnchorRecruitment{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<AnchorRecruitment>(s);
         return std::vector<Field>{
             {"anchor", name_ref(x.anchor, sites, NameReference::Kind::anchor), true},
             {"local_recruitment_share", ramp(x.local_recruitment_share, share()), true}};
       }},
      {"buy_local", [] { return ProgrammeSettings{BuyLocal{}}; },
       [](ProgrammeSettings& s, ScenarioSites&) {
         auto& x = as<BuyLocal>(s);
         return std::vector<Field>{
             {"shift", ramp(x.shift, share()), true},
             {"to_social_enterprises", real(x.to_social_enterprises, share())},
             {"campaign_cost_gbp", money(x.campaign_cost, at_least(0))}};
       }},
      {"living_wage", [] { return ProgrammeSettings{LivingWage{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<LivingWage>(s);
         return std::vector<Field>{
             {"anchors", name_list(x.anchors, sites, NameReference::Kind::anchor)},
             {"firm_share", real(x.firm_share, share())}};
       }},
      {"capital_project", [] { return ProgrammeSettings{CapitalProject{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<CapitalProject>(s);
         return std::vector<Field>{
             {"zone", name_ref(x.zone, sites, NameReference::Kind::zone), true},
             {"budget_gbp", money(x.budget, above(0)), true},
             {"months", whole(x.months, closed(1, 240))},
             {"funder", one_of(x.funder, {"government", "rest_of_world"})},
             {"labour_share", real(x.labour_share, open(0, 1))},
             {"wage_gbp", money(x.wage, above(0)), true},
             {"local_labour_share", real(x.local_labour_share, share())},
             {"local_supply_share", real(x.local_supply_share, share())},
             {"apprenticeships", whole(x.apprenticeships, closed(0, 10000))}};
       }},
      {"housing_development", [] { return ProgrammeSettings{HousingDevelopment{}}; },
       [](ProgrammeSettings& s, ScenarioSites& sites) {
         auto& x = as<HousingDevelopment>(s);
         return std::vector<Field>{
             {"zone", name_ref(x.zone, sites, NameReference::Kind::zone), true},
             {"homes", whole(x.homes, closed(1, 100000)), true},
             {"months", whole(x.months, closed(1, 240))}};
       }},
  };
  return types;
}

}  // namespace

std::vector<std::string> programme_types() {
  std::vector<std::string> names;
  for (const auto& t : registry())
    names.push_back(t.name);
  return names;
}

ProgrammeEntry read_programme_entry(const TreeNode& n, const std::string& p, ScenarioSites& sites) {
  if (n.kind != TreeNode::Kind::map)
    fail_at(n.origin, p,
            "expected a programme entry (a map with 'type' and 'name'), got " + describe(n));
  const MapEntry* type_entry = n.find_entry("type");
  if (!type_entry) fail_at(n.origin, p + ".type", "missing required key 'type' in programme entry");
  ProgrammeEntry entry;
  entry.type = parse_text(type_entry->value, p + ".type");
  const auto& types = registry();
  const auto it = std::find_if(types.begin(), types.end(),
                               [&](const TypeInfo& t) { return t.name == entry.type; });
  if (it == types.end())
    fail_at(type_entry->value.origin, p + ".type",
            unknown_name_message("programme type", entry.type, programme_types()));
  entry.settings = it->make();
  std::vector<Field> fields = {{"type", nothing(), true},
                               {"name", identifier(entry.name), true},
                               {"start", year_month(entry.start)},
                               {"end", year_month(entry.end)},
                               {"zones", name_list(entry.zones, sites, NameReference::Kind::zone)},
                               {"local_delivery_share", real(entry.local_delivery_share, share())}};
  for (auto& f : it->fields(entry.settings, sites))
    fields.push_back(std::move(f));
  read_map(n, p, fields);
  if (entry.start.year != 0 && entry.end.year != 0 && months_between(entry.start, entry.end) < 0)
    fail_at(n.find("end")->origin, p + ".end",
            "end " + entry.end.iso() + " is before start " + entry.start.iso());
  if (const auto* x = std::get_if<AnchorProcurement>(&entry.settings)) {
    if (!x->sets_local && !x->sets_social_enterprise)
      fail_at(
          n.origin, p,
          "anchor_procurement needs local_procurement_share or social_enterprise_share (or both)");
    const double most = std::max(x->local_procurement_share.from, x->local_procurement_share.to) +
                        std::max(x->social_enterprise_share.from, x->social_enterprise_share.to);
    if (x->sets_local && x->sets_social_enterprise && most > 1.0 + 1e-9)
      fail_at(n.find("local_procurement_share")->origin, p + ".local_procurement_share",
              "local_procurement_share + social_enterprise_share can exceed 1 on this ramp");
  }
  return entry;
}

}  // namespace cwb::scenario
