// Typed programme settings: the USE-IT! strands, the anchor levers and capital projects.
//
// Each struct lists its YAML keys (relative to the programme entry), units and ranges; the
// schema is in programme_schema.cpp, the behaviour in sim/model/programmes/.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/core/money.hpp"

namespace cwb::scenario {

/// A numeric policy value that may move linearly from `from` to `to` over `months` months
/// from `start`. In YAML either a number (constant) or a map {from, to, start, months}.
struct Ramp {
  double from = 0.0;
  double to = 0.0;
  YearMonth start{0, 1};  // year 0: from the programme's own start
  int months = 0;         // 0: a step at `start`

  static Ramp constant(double value) { return {value, value, {0, 1}, 0}; }
  /// The value `elapsed` months after `origin` (origin = the ramp's start month index).
  double value_at(int months_since_start) const {
    if (months_since_start < 0) return from;
    if (months <= 0 || months_since_start >= months) return to;
    return from + (to - from) * static_cast<double>(months_since_start) / months;
  }
};

enum class Eligibility : std::uint8_t { unemployed = 1, inactive = 2, overseas_qualified = 4 };

/// skills_matching: training places for residents with a priority pipeline into anchor jobs.
struct SkillsMatching {
  Ramp places_per_month = Ramp::constant(10);  // places_per_month: new enrolments a month, >= 0
  std::uint8_t eligibility = 1 | 4;            // eligibility: list of unemployed, inactive,
                                               // overseas_qualified
  double outreach = 0.01;   // outreach: monthly chance an eligible resident hears of the
                            // offer, x (1 + engagement uptake gain x engagement), [0, 1]
  double uptake = 0.3;      // uptake: chance an eligible resident offered a place enrols, [0, 1]
  int duration_months = 6;  // duration_months: [1, 36]
  double completion_rate = 0.7;                   // completion_rate: [0, 1]
  int skill_gain = 1;                             // skill_gain: levels gained on completion, [0, 4]
  bool recognise_overseas_qualifications = true;  // completers with overseas qualifications
                                                  // reach level 4 (L4+)
  int priority_months = 6;           // priority_months: graduates first in line for anchor
                                     // vacancies for this long, [0, 60]
  std::vector<std::string> anchors;  // anchors: whose vacancies graduates get first (default all)
  Pence cost_per_place = 0;          // cost_per_place_gbp: per participant per month, >= 0
};

/// community_research: paid community researchers raising their zone's engagement.
struct CommunityResearch {
  int researchers_per_zone = 10;      // researchers_per_zone: [0, 1000]
  Pence wage = 0;                     // wage_gbp: monthly, > 0
  double engagement_gain = 0.02;      // engagement_gain: monthly rise per researcher per
                                      // 1,000 working-age residents, times (1 - engagement), [0, 1]
  Pence overhead_per_researcher = 0;  // overhead_per_researcher_gbp: monthly, >= 0
};

/// social_enterprise_support: start-up grants, mentoring and matchmaking with anchors.
struct SocialEnterpriseSupport {
  Ramp grants_per_month = Ramp::constant(2);  // grants_per_month: new social enterprises, >= 0
  Pence grant = 0;                            // grant_gbp: per start-up, >= 0
  double start_size_share = 0.3;  // start_size_share: a grant start-up's size relative to
                                  // the zone's mean social enterprise, (0, 2]
  int mentoring_months = 24;      // mentoring_months: [0, 120]
  double mentoring_closure_reduction = 0.5;  // mentoring_closure_reduction: cut in the closure
                                             // rate while mentored, [0, 1]
  int mentoring_extra_months = 6;            // mentoring_extra_months: extra months of insolvency
                                             // tolerated while mentored, [0, 60]
  Pence mentoring_cost = 0;  // mentoring_cost_gbp: per mentored enterprise a month, >= 0
  Ramp matchmaking_share_gain = Ramp::constant(0.0);  // matchmaking_share_gain: added to the
                                                      // anchors' social_enterprise_share, [0, 1]
  std::vector<std::string> anchors;  // anchors: reached by matchmaking (default all)
};

struct CommunityAsset {
  std::string name;                     // name
  std::string zone;                     // zone
  std::string kind = "building";        // kind: park | reservoir | building | workspace | other
  YearMonth unlock{0, 1};               // unlock: YYYY-MM (default: the programme start)
  int tenancies = 0;                    // tenancies: social enterprises housed, [0, 1000]
  double activity_hours_per_month = 0;  // activity_hours_per_month: >= 0
  double rent_discount = 1.0;           // rent_discount: share of the tenants' rent saved, [0, 1]
  Pence running_cost = 0;               // running_cost_gbp: monthly, >= 0
};

/// community_assets: land and buildings unlocked for social-enterprise tenancies and activity.
struct CommunityAssets {
  std::vector<CommunityAsset> assets;       // assets: a list (at least one)
  double engagement_per_1000_hours = 0.01;  // engagement_per_1000_hours: monthly engagement
                                            // rise per 1,000 activity hours per 1,000
                                            // working-age residents, times (1 - engagement), >= 0
};

/// anchor_procurement: an anchor's procurement policy (ramps allowed).
struct AnchorProcurement {
  std::string anchor;  // anchor: name
  bool sets_local = false, sets_social_enterprise = false;
  Ramp local_procurement_share;  // local_procurement_share: [0, 1]
  Ramp social_enterprise_share;  // social_enterprise_share: [0, 1]
};

/// anchor_recruitment: the share of an anchor's vacancies offered to residents first.
struct AnchorRecruitment {
  std::string anchor;            // anchor: name
  Ramp local_recruitment_share;  // local_recruitment_share: [0, 1]
};

/// buy_local: a campaign moving household spending from outside the area to local businesses.
struct BuyLocal {
  Ramp shift = Ramp::constant(0.1);    // shift: share of 'outside' spending moved, [0, 1]
  double to_social_enterprises = 0.2;  // to_social_enterprises: part of the shift going to
                                       // social enterprises (the rest to independents), [0, 1]
  Pence campaign_cost = 0;             // campaign_cost_gbp: monthly, >= 0
};

/// living_wage: named employers pay at least the real living wage.
struct LivingWage {
  std::vector<std::string> anchors;  // anchors: names
  double firm_share = 0.0;           // firm_share: share of local firms committing, [0, 1]
};

/// capital_project: a construction budget spent through a contractor with social-value clauses.
struct CapitalProject {
  std::string zone;                   // zone: where the contractor is based
  Pence budget = 0;                   // budget_gbp: total, > 0
  int months = 36;                    // months: spending period from the start, [1, 240]
  std::string funder = "government";  // funder: government | rest_of_world
  double labour_share = 0.4;          // labour_share: share of spend on wages, (0, 1)
  Pence wage = 0;                     // wage_gbp: monthly construction wage, > 0
  double local_labour_share = 0.0;    // local_labour_share: share of hires from residents
                                      // (the social-value clause), [0, 1]
  double local_supply_share = 0.1;  // local_supply_share: share of materials bought locally, [0, 1]
  int apprenticeships = 0;          // apprenticeships: resident apprentices hired first and
                                    // trained (+1 skill level at the end), [0, 10000]
};

/// housing_development: homes completed over time, each adding a household to the zone.
struct HousingDevelopment {
  std::string zone;  // zone
  int homes = 0;     // homes: [1, 100000]
  int months = 24;   // months: completion period from the start, [1, 240]
};

using ProgrammeSettings = std::variant<SkillsMatching, CommunityResearch, SocialEnterpriseSupport,
                                       CommunityAssets, AnchorProcurement, AnchorRecruitment,
                                       BuyLocal, LivingWage, CapitalProject, HousingDevelopment>;

/// A programme entry under `programmes:`.
struct ProgrammeEntry {
  std::string type;                   // type: a registered programme type
  std::string name;                   // name: unique among programmes; a result label
  YearMonth start{0, 1};              // start: YYYY-MM (default: the scenario start)
  YearMonth end{0, 1};                // end: YYYY-MM, last month active (default: the horizon)
  std::vector<std::string> zones;     // zones: targeted zones (default all)
  double local_delivery_share = 0.5;  // local_delivery_share: share of running costs spent
                                      // with local social enterprises, [0, 1]
  ProgrammeSettings settings;
};

/// Whole months from `origin` to `month` (negative if before).
inline int months_between(const YearMonth& origin, const YearMonth& month) {
  return (month.year - origin.year) * 12 + (month.month - origin.month);
}

}  // namespace cwb::scenario
