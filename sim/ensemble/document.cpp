// The output contract: a study's results as labelled groups (indicators, anchors, accounts,
// scenarios, effects, value_for_money) for the HDF5 writer, and the summary printed after a run.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "cwb/version.hpp"
#include "sim/ensemble/comparison_report.hpp"
#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/study.hpp"

namespace cwb::ensemble {

using accounting::kAnchorIndicators;
using accounting::kSectors;
using accounting::kZoneIndicators;

namespace {

std::vector<io::Coordinate> run_coordinates(const Study& study) {
  std::vector<std::string> names;
  for (const auto& s : study.scenarios)
    names.push_back(s.name);
  std::vector<std::int64_t> replicates(static_cast<std::size_t>(study.replicates));
  for (int r = 0; r < study.replicates; ++r)
    replicates[static_cast<std::size_t>(r)] = r;
  const auto start = study.scenarios.front().start;
  std::vector<std::int64_t> days(static_cast<std::size_t>(study.months));
  for (int m = 0; m < study.months; ++m)
    days[static_cast<std::size_t>(m)] = start.days_until(m);
  return {
      {"scenario", "scenario name", "", names, {}},
      {"replicate",
       "replicate number (common random numbers across scenarios)",
       "",
       replicates,
       {}},
      {"month",
       "first day of the simulated month",
       start.cf_units(),
       days,
       {{"calendar", std::string("proleptic_gregorian")}, {"axis", std::string("T")}}},
  };
}

std::vector<std::string> sector_names() {
  return {accounting::kSectorNames.begin(), accounting::kSectorNames.end()};
}

io::Group indicators_group(const Study& study, const StudyResults& res) {
  io::Group g{"indicators", {}, run_coordinates(study), {}};
  std::vector<std::string> zones;
  for (const auto& z : study.scenarios.front().zones)
    zones.push_back(z.name);
  zones.push_back("all");
  g.coordinates.push_back({"zone", "zone (ward); 'all' is the whole study area", "", zones, {}});
  const std::size_t cells = res.zone_indicators.size() / kZoneIndicators;
  for (int i = 0; i < kZoneIndicators; ++i) {
    const auto& info = accounting::kZoneIndicatorInfo[static_cast<std::size_t>(i)];
    std::vector<double> values(cells);
    for (std::size_t c = 0; c < cells; ++c)
      values[c] = res.zone_indicators[c * kZoneIndicators + i];
    g.variables.push_back({std::string(info.name),
                           std::string(info.long_name),
                           std::string(info.units),
                           {"scenario", "replicate", "month", "zone"},
                           std::move(values),
                           {}});
  }
  return g;
}

io::Group anchors_group(const Study& study, const StudyResults& res) {
  io::Group g{"anchors", {}, run_coordinates(study), {}};
  std::vector<std::string> names, long_names, kinds;
  for (const auto& a : study.scenarios.front().anchors) {
    names.push_back(a.name);
    long_names.push_back(a.long_name.empty() ? a.name : a.long_name);
    kinds.push_back(a.kind);
  }
  g.coordinates.push_back({"anchor", "anchor institution", "", names, {}});
  const std::size_t cells = res.anchor_indicators.size() / kAnchorIndicators;
  for (int i = 0; i < kAnchorIndicators; ++i) {
    const auto& info = accounting::kAnchorIndicatorInfo[static_cast<std::size_t>(i)];
    const std::vector<std::string> dims = {"scenario", "replicate", "month", "anchor"};
    if (static_cast<accounting::AnchorIndicator>(i) == accounting::AnchorIndicator::spend) {
      std::vector<std::int64_t> pence(cells);
      for (std::size_t c = 0; c < cells; ++c)
        pence[c] = std::llround(res.anchor_indicators[c * kAnchorIndicators + i] * 100.0);
      g.variables.push_back({std::string(info.name),
                             std::string(info.long_name),
                             "pence",
                             dims,
                             std::move(pence),
                             {{"description", std::string("integer pence (GBP 0.01)")}}});
      continue;
    }
    std::vector<double> values(cells);
    for (std::size_t c = 0; c < cells; ++c)
      values[c] = res.anchor_indicators[c * kAnchorIndicators + i];
    g.variables.push_back({std::string(info.name),
                           std::string(info.long_name),
                           std::string(info.units),
                           dims,
                           std::move(values),
                           {}});
  }
  g.variables.push_back(
      {"anchor_long_name", "full name of the anchor institution", "", {"anchor"}, long_names, {}});
  g.variables.push_back({"anchor_kind", "kind of anchor institution", "", {"anchor"}, kinds, {}});
  return g;
}

io::Group accounts_group(const Study& study, const StudyResults& res) {
  io::Group g{"accounts", {}, run_coordinates(study), {}};
  g.attributes.push_back(
      {"identity", std::string("for every sector s and month t: stocks[t] - stocks[t-1] = "
                               "sum over payers of sam[payer, s] - sum over payees of "
                               "sam[s, payee]; for t = 0 use opening_stocks")});
  g.coordinates.push_back(
      {"sector", "sector of the social accounting matrix", "", sector_names(), {}});
  g.coordinates.push_back({"payer", "paying sector", "", sector_names(), {}});
  g.coordinates.push_back({"payee", "receiving sector", "", sector_names(), {}});
  const io::Attributes pence{{"description", std::string("integer pence (GBP 0.01)")}};
  g.variables.push_back({"sam",
                         "social accounting matrix: payments in the month from payer to payee",
                         "pence",
                         {"scenario", "replicate", "month", "payer", "payee"},
                         res.sam,
                         pence});
  g.variables.push_back({"stocks",
                         "money held by the sector at the end of the month (closing balance)",
                         "pence",
                         {"scenario", "replicate", "month", "sector"},
                         res.stocks,
                         pence});
  g.variables.push_back({"opening_stocks",
                         "money held by the sector before the first month (initial endowments; "
                         "government and rest_of_world start at zero)",
                         "pence",
                         {"scenario", "replicate", "sector"},
                         res.opening_stocks,
                         pence});
  return g;
}

io::Group programmes_group(const Study& study, const StudyResults& res) {
  io::Group g{"programmes", {}, run_coordinates(study), {}};
  g.coordinates.push_back(
      {"programme", "programme (union over the study's scenarios)", "", res.programme_names, {}});
  const std::vector<std::string> dims = {"scenario", "replicate", "month", "programme"};
  g.variables.push_back({"participants",
                         "people (or enterprises, households) taking part in the month",
                         "1",
                         dims,
                         res.programme_participants,
                         {}});
  g.variables.push_back({"completions",
                         "completions in the month (graduates, apprentices, homes, ...)",
                         "1",
                         dims,
                         res.programme_completions,
                         {}});
  g.variables.push_back(
      {"placements",
       "placements in the month (graduates hired, local hires, enterprises started, tenancies)",
       "1",
       dims,
       res.programme_placements,
       {}});
  g.variables.push_back({"cost",
                         "programme spending in the month",
                         "pence",
                         dims,
                         res.programme_cost,
                         {{"description", std::string("integer pence (GBP 0.01)")}}});
  g.variables.push_back(
      {"programme_type", "programme type", "", {"programme"}, res.programme_types, {}});
  g.attributes.push_back(
      {"note", std::string("a scenario without a programme has zeros in its column; "
                           "docs/scenarios.md defines each output per programme type")});
  return g;
}

io::Group scenarios_group(const Study& study) {
  std::vector<std::string> names, titles, files, yaml;
  for (const auto& s : study.scenarios) {
    names.push_back(s.name);
    titles.push_back(s.title);
    files.push_back(s.source_file);
    yaml.push_back(s.resolved_yaml);
  }
  io::Group g{"scenarios", {}, {{"scenario", "scenario name", "", names, {}}}, {}};
  g.variables.push_back({"title", "scenario title", "", {"scenario"}, titles, {}});
  g.variables.push_back(
      {"source_file", "scenario file the run was loaded from", "", {"scenario"}, files, {}});
  g.variables.push_back({"resolved_yaml",
                         "the scenario after extends and defaults, as YAML",
                         "",
                         {"scenario"},
                         yaml,
                         {}});
  return g;
}

}  // namespace

Effects study_effects(const StudyResults& results) {
  auto effects = compute_effects(results, results.baseline);
  auto slots = results.programme_names;
  slots.emplace_back("all");
  effects.additionality =
      summarise_additionality(results.additionality, results.scenarios, results.replicates,
                              std::move(slots), results.baseline);
  return effects;
}

StudyLabels study_labels(const Study& study) {
  StudyLabels labels;
  for (const auto& s : study.scenarios)
    labels.scenarios.push_back(s.name);
  for (const auto& a : study.scenarios.front().anchors)
    labels.anchors.push_back(a.name);
  labels.month = run_coordinates(study)[2];
  labels.start = study.scenarios.front().start;
  return labels;
}

io::ResultsDocument to_document(const Study& study, const StudyResults& results,
                                const Provenance& provenance) {
  io::ResultsDocument doc;
  const auto& first = study.scenarios.front();
  doc.root_attributes = {
      {"Conventions", std::string("CF-1.8")},
      {"title", std::string("cwbsim results: ") + (first.title.empty() ? first.name : first.title)},
      {"institution", std::string("cwbsim (community wealth building simulator)")},
      {"source", std::string("cwbsim ") + kVersion + " agent-based model of a local economy"},
      {"history", provenance.created + " " + provenance.command_line},
      {"cwbsim_version", std::string(kVersion)},
      {"git_commit", std::string(kGitCommit)},
      {"format_version", std::int64_t{1}},
      {"seed", static_cast<std::int64_t>(study.seed)},
      {"replicates", static_cast<std::int64_t>(study.replicates)},
      {"months", static_cast<std::int64_t>(study.months)},
      {"start", first.start.iso()},
      {"baseline", study.scenarios[static_cast<std::size_t>(study.baseline)].name},
      {"threads", static_cast<std::int64_t>(provenance.threads)},
      {"ranks", std::int64_t{1}},
      {"command_line", provenance.command_line},
      {"created", provenance.created},
  };
  doc.groups.push_back(indicators_group(study, results));
  doc.groups.push_back(anchors_group(study, results));
  doc.groups.push_back(accounts_group(study, results));
  doc.groups.push_back(programmes_group(study, results));
  doc.groups.push_back(scenarios_group(study));
  // The baseline of the study: the first scenario or the one named by --baseline (MODEL.md 6).
  const auto labels = study_labels(study);
  const auto effects = study_effects(results);
  doc.groups.push_back(effects_group(effects, labels));
  doc.groups.push_back(value_for_money_group(effects, labels));
  doc.groups.push_back(additionality_group(effects.additionality, labels));
  return doc;
}

std::string summary_text(const Study& study, const StudyResults& res) {
  using accounting::ZoneIndicator;
  struct Row {
    ZoneIndicator indicator;
    const char* label;
    double scale;
    const char* format;
  };
  const Row rows[] = {
      {ZoneIndicator::employment_rate, "employment rate (%)", 100.0, "%10.1f"},
      {ZoneIndicator::unemployment_rate, "unemployment rate (%)", 100.0, "%10.1f"},
      {ZoneIndicator::claimant_rate, "claimant rate (%)", 100.0, "%10.1f"},
      {ZoneIndicator::median_equivalised_income, "median equivalised income (GBP/yr)", 1.0,
       "%10.0f"},
      {ZoneIndicator::poverty_rate, "poverty rate (%)", 100.0, "%10.1f"},
      {ZoneIndicator::gini, "Gini", 1.0, "%10.3f"},
      {ZoneIndicator::local_spend_share, "local spend share (%)", 100.0, "%10.1f"},
      {ZoneIndicator::firms, "firms", 1.0, "%10.0f"},
      {ZoneIndicator::social_enterprises, "social enterprises", 1.0, "%10.0f"},
  };
  const int all = res.zones - 1;
  const int last = res.months - 1;
  auto mean = [&](int s, int m, ZoneIndicator i) {
    double total = 0;
    for (int r = 0; r < res.replicates; ++r)
      total += res.zone_indicator(s, r, m, all, i);
    return total / res.replicates;
  };
  std::ostringstream out;
  const auto& first = study.scenarios.front();
  out << "Study area: " << first.zones.size() << " zones, " << first.anchors.size() << " anchors; "
      << study.replicates << " replicate(s) x " << study.months << " months from "
      << first.start.iso() << ", seed " << study.seed << "\n";
  char buf[160];
  for (int s = 0; s < res.scenarios; ++s) {
    out << "\nScenario " << study.scenarios[static_cast<std::size_t>(s)].name
        << " (mean over replicates, whole area)\n";
    std::snprintf(buf, sizeof buf, "  %-36s %10s %10s\n", "", first.start.iso().c_str(),
                  first.start.plus(last).iso().c_str());
    out << buf;
    for (const auto& row : rows) {
      char a[32], b[32];
      std::snprintf(a, sizeof a, row.format, mean(s, 0, row.indicator) * row.scale);
      std::snprintf(b, sizeof b, row.format, mean(s, last, row.indicator) * row.scale);
      std::snprintf(buf, sizeof buf, "  %-36s %s %s\n", row.label, a, b);
      out << buf;
    }
    for (int a = 0; a < res.anchors; ++a) {
      double lm3 = 0, local = 0;
      for (int r = 0; r < res.replicates; ++r) {
        lm3 += res.anchor_indicator(s, r, last, a, accounting::AnchorIndicator::lm3);
        local +=
            res.anchor_indicator(s, r, last, a, accounting::AnchorIndicator::local_workforce_share);
      }
      std::snprintf(buf, sizeof buf, "  anchor %-29s LM3 %.2f, staff living locally %.1f%%\n",
                    first.anchors[static_cast<std::size_t>(a)].name.c_str(), lm3 / res.replicates,
                    100.0 * local / res.replicates);
      out << buf;
    }
  }
  if (res.scenarios > 1) {
    out << "\n" << comparison_report(study_effects(res), study_labels(study), ReportFormat::table);
  }
  return out.str();
}

}  // namespace cwb::ensemble
