// Table, CSV and JSON reports of effects at the horizon and value for money per scenario.
#include "sim/ensemble/comparison_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

namespace cwb::ensemble {
namespace {

using accounting::AnchorIndicator;
using accounting::ZoneIndicator;

/// One line of the report for one scenario.
struct Line {
  std::string key;    // machine name (CSV, JSON)
  std::string label;  // table label
  std::string units;  // units of the numbers as printed
  Estimate paired;
  std::optional<Estimate> unpaired;
  int decimals = 1;
  std::string section;  // table heading above the line ("" for the effects)
};

/// "1234567.8" -> "1,234,568" (decimals 0), NaN -> "n/a"; `sign` adds "+" to positives.
std::string number(double v, int decimals, bool sign = false) {
  if (!std::isfinite(v)) return "n/a";
  if (v == 0.0) v = 0.0;  // no "-0"
  char buf[64];
  std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, v);
  std::string text = buf;
  const std::size_t first = (text[0] == '+' || text[0] == '-') ? 1 : 0;
  // A value that rounds to zero is printed unsigned ("0.00", not "-0.00").
  if (text.find_first_not_of("0.", first) == std::string::npos) text.erase(0, first);
  std::size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  for (std::ptrdiff_t at = static_cast<std::ptrdiff_t>(point) - 3;
       at > static_cast<std::ptrdiff_t>(first); at -= 3)
    text.insert(static_cast<std::size_t>(at), ",");
  return text;
}

/// Plain number for CSV and JSON: full precision, no grouping; NaN as `missing`.
std::string raw(double v, const char* missing) {
  if (!std::isfinite(v)) return missing;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v == 0.0 ? 0.0 : v);
  return buf;
}

Estimate scaled(Estimate e, double k) { return {e.mean * k, e.low * k, e.high * k}; }

/// Additionality per programme of scenario s (and all its participants), when it was measured
/// against this baseline: counts at the horizon and in person-months, and the shares beside
/// the HCA ready reckoner's bands.
void add_additionality_lines(const Effects& e, const StudyLabels& labels, int s,
                             std::vector<Line>& lines) {
  const auto& t = e.additionality;
  if (!t.available || t.baseline != e.baseline || s >= t.scenarios) return;
  const std::string section = "Additionality against '" +
                              labels.scenarios[static_cast<std::size_t>(e.baseline)] +
                              "' (same persons in both runs)";
  using A = Additionality;
  int own = 0;  // programmes of scenario s (the others' rows are NaN)
  for (int slot = 0; slot + 1 < t.slots(); ++slot)
    own += std::isnan(t.value(s, slot, A::participants).mean) ? 0 : 1;
  for (int slot = 0; slot < t.slots(); ++slot) {
    const bool all = slot == t.slots() - 1;
    if (std::isnan(t.value(s, slot, A::participants).mean)) continue;  // not a programme of s
    if (all && own == 1) continue;  // one programme: "all" repeats it
    const auto& name = t.programmes[static_cast<std::size_t>(slot)];
    const std::string key = "additionality." + name + ".";
    const std::string label = (all ? std::string("all programmes") : name) + ": ";
    for (const auto& [a, text] :
         {std::pair{A::participants, "participants"},
          std::pair{A::gross_at_horizon, "gross (in work at horizon)"},
          std::pair{A::deadweight_at_horizon, "deadweight"},
          std::pair{A::displacement_at_horizon, "displacement"},
          std::pair{A::leakage_at_horizon, "leakage (of net; left the area)"},
          std::pair{A::net_at_horizon, "net additional at horizon"},
          std::pair{A::net_person_months, "net additional person-months"}}) {
      const auto& info = kAdditionalityInfo[static_cast<std::size_t>(a)];
      lines.push_back({key + std::string(info.name), label + text, std::string(info.units),
                       t.value(s, slot, a), std::nullopt, 0, section});
    }
    for (const auto& [k, text, bands] :
         {std::tuple{AdditionalityShare::deadweight_share, "deadweight share of gross",
                     std::span<const HcaBand>{}},
          std::tuple{AdditionalityShare::displacement_share, "displacement share",
                     std::span<const HcaBand>{kHcaDisplacementBands}},
          std::tuple{AdditionalityShare::leakage_share, "leakage share",
                     std::span<const HcaBand>{kHcaLeakageBands}}}) {
      const auto& info = kAdditionalityShareInfo[static_cast<std::size_t>(k)];
      const auto& v = t.share(s, slot, k);
      std::string text_label = label + text + " (%)";
      if (!bands.empty())
        text_label += " [HCA band: " + std::string(nearest_band(bands, v.mean)) + "]";
      lines.push_back({key + std::string(info.name), text_label, "percent", scaled(v, 100),
                       std::nullopt, 1, section});
    }
  }
}

std::vector<Line> lines_for(const Effects& e, const StudyLabels& labels, int s) {
  std::vector<Line> lines;
  const int last = e.months - 1;
  struct ZoneRow {
    ZoneIndicator indicator;
    const char* label;
    const char* units;
    double scale;
    int decimals;
  };
  const ZoneRow zone_rows[] = {
      {ZoneIndicator::employment_rate, "employment rate (pp)", "percentage points", 100, 2},
      {ZoneIndicator::unemployment_rate, "unemployment rate (pp)", "percentage points", 100, 2},
      {ZoneIndicator::claimant_rate, "claimant rate (pp)", "percentage points", 100, 2},
      {ZoneIndicator::median_equivalised_income, "median equivalised income (GBP/yr)", "GBP year-1",
       1, 0},
      {ZoneIndicator::poverty_rate, "poverty rate (pp)", "percentage points", 100, 2},
      {ZoneIndicator::local_spend_share, "local spend share (pp)", "percentage points", 100, 2},
      {ZoneIndicator::firms, "firms trading", "1", 1, 1},
      {ZoneIndicator::social_enterprises, "social enterprises trading", "1", 1, 1},
  };
  for (const auto& row : zone_rows) {
    const int i = static_cast<int>(row.indicator);
    const auto cell =
        (static_cast<std::size_t>(s) * accounting::kZoneIndicators + i) * e.months + last;
    lines.push_back({std::string(accounting::kZoneIndicatorInfo[static_cast<std::size_t>(i)].name),
                     row.label, row.units, scaled(e.zone[cell], row.scale),
                     scaled(e.zone_unpaired[cell], row.scale), row.decimals, ""});
  }
  for (int a = 0; a < e.anchors; ++a) {
    const auto& name = labels.anchors[static_cast<std::size_t>(a)];
    for (auto [indicator, label, scale, units] :
         {std::tuple{AnchorIndicator::local_procurement_share, "local procurement share (pp)",
                     100.0, "percentage points"},
          std::tuple{AnchorIndicator::lm3, "LM3", 1.0, "1"}}) {
      const int k = static_cast<int>(indicator);
      const auto cell =
          ((static_cast<std::size_t>(s) * accounting::kAnchorIndicators + k) * e.months + last) *
              e.anchors +
          a;
      lines.push_back(
          {name + "." +
               std::string(accounting::kAnchorIndicatorInfo[static_cast<std::size_t>(k)].name),
           name + ": " + label, units, scaled(e.anchor[cell], scale),
           scaled(e.anchor_unpaired[cell], scale), 2, ""});
    }
  }
  const char* total_labels[kTotals] = {"residents in work",
                                       "person-months of employment",
                                       "net local income (GBP)",
                                       "net local income (GBP, PV)",
                                       "residents in work at baseline population",
                                       "person-months at baseline population"};
  for (int t = 0; t < kTotals; ++t) {
    const auto& info = kTotalInfo[static_cast<std::size_t>(t)];
    const auto cell = static_cast<std::size_t>(s) * kTotals + t;
    lines.push_back({std::string(info.name), total_labels[t], std::string(info.units),
                     e.totals[cell], e.totals_unpaired[cell], 0, ""});
  }
  const char* value_labels[kAppraisals] = {"social value of employment (GBP, PV)",
                                           "fiscal effect (GBP, PV)",
                                           "net local income (GBP, PV)",
                                           "programme costs (GBP)",
                                           "programme costs (GBP, PV)",
                                           "net additional jobs at horizon",
                                           "SROI (GBP per GBP spent)",
                                           "cost per net additional job (GBP, PV)"};
  for (int k = 0; k < kAppraisals; ++k) {
    const auto& info = kAppraisalInfo[static_cast<std::size_t>(k)];
    lines.push_back({std::string(info.name), value_labels[k], std::string(info.units),
                     e.appraisal[static_cast<std::size_t>(s) * kAppraisals + k], std::nullopt,
                     static_cast<Appraisal>(k) == Appraisal::sroi ? 2 : 0, "Value for money"});
  }
  add_additionality_lines(e, labels, s, lines);
  return lines;
}

std::string horizon(const Effects& e, const StudyLabels& labels) {
  return labels.start.plus(e.months - 1).iso();
}

std::string interval_text(const Estimate& x, int decimals) {
  if (!std::isfinite(x.low) || !std::isfinite(x.high)) return "n/a";
  return "[" + number(x.low, decimals, true) + ", " + number(x.high, decimals, true) + "]";
}

std::string table(const Effects& e, const StudyLabels& labels) {
  std::ostringstream out;
  const auto& base = labels.scenarios[static_cast<std::size_t>(e.baseline)];
  out << "Effects at the horizon (" << horizon(e, labels) << ") against the baseline '" << base
      << "', " << e.replicates << " replicate(s) with common random numbers\n"
      << "effect = scenario - baseline (mean over replicates); 95% CI paired (Student t) and "
         "unpaired "
         "(Welch);\nrates in percentage points; money discounted at "
      << number(100 * e.parameters.discount_rate, 1) << "% a year (PV); n/a = not estimable\n";
  if (e.scenarios == 1) out << "\nOnly the baseline is in the file: nothing to compare.\n";
  char buf[512];
  for (int s = 0; s < e.scenarios; ++s) {
    if (s == e.baseline) continue;
    out << "\nScenario " << labels.scenarios[static_cast<std::size_t>(s)] << "\n";
    const auto lines = lines_for(e, labels, s);
    int width = 36;  // the label column fits the longest label (anchor names vary)
    for (const auto& line : lines)
      width = std::max(width, static_cast<int>(line.label.size()));
    std::snprintf(buf, sizeof buf, "  %-*s %14s  %-30s %s\n", width, "", "effect", "95% CI paired",
                  "95% CI unpaired");
    out << buf;
    std::string heading;
    for (const auto& line : lines) {
      if (line.section != heading) {
        heading = line.section;
        out << "  " << heading << "\n";
      }
      std::snprintf(buf, sizeof buf, "  %-*s %14s  %-30s %s\n", width, line.label.c_str(),
                    number(line.paired.mean, line.decimals, true).c_str(),
                    interval_text(line.paired, line.decimals).c_str(),
                    line.unpaired ? interval_text(*line.unpaired, line.decimals).c_str() : "");
      std::string text = buf;
      while (!text.empty() && text[text.size() - 2] == ' ')
        text.erase(text.size() - 2, 1);  // no trailing blanks
      out << text;
    }
  }
  if (e.additionality.available && e.additionality.baseline == e.baseline && e.scenarios > 1)
    out << "\nHCA ready reckoner (Additionality Guide 2014): leakage 0/10/25/50/75%, displacement "
           "0/25/50/75/100%,\ncomposite multiplier 1.1/1.5/1.9; net = gross - deadweight - "
           "displacement "
           "(leakage is part of net)\n";
  else if (e.scenarios > 1)
    out << "\nAdditionality was measured against the study's baseline only (it needs the persons' "
           "outcomes).\n";
  if (e.scenarios > 1) out << "\nIn plain words\n";
  for (int s = 0; s < e.scenarios; ++s)
    if (s != e.baseline) out << "  " << plain_sentence(e, labels, s) << "\n";
  return out.str();
}

std::string csv(const Effects& e, const StudyLabels& labels) {
  std::ostringstream out;
  out << "scenario,baseline,horizon,measure,units,effect,ci_low,ci_high,unpaired_ci_low,unpaired_"
         "ci_high\n";
  for (int s = 0; s < e.scenarios; ++s) {
    if (s == e.baseline) continue;
    for (const auto& line : lines_for(e, labels, s)) {
      out << labels.scenarios[static_cast<std::size_t>(s)] << ','
          << labels.scenarios[static_cast<std::size_t>(e.baseline)] << ',' << horizon(e, labels)
          << ',' << line.key << ',' << line.units << ',' << raw(line.paired.mean, "") << ','
          << raw(line.paired.low, "") << ',' << raw(line.paired.high, "") << ','
          << (line.unpaired ? raw(line.unpaired->low, "") : "") << ','
          << (line.unpaired ? raw(line.unpaired->high, "") : "") << '\n';
    }
  }
  return out.str();
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string json(const Effects& e, const StudyLabels& labels) {
  std::ostringstream out;
  out << "{\n  \"baseline\": "
      << json_string(labels.scenarios[static_cast<std::size_t>(e.baseline)])
      << ",\n  \"horizon\": " << json_string(horizon(e, labels))
      << ",\n  \"replicates\": " << e.replicates
      << ",\n  \"confidence_level\": " << kConfidenceLevel
      << ",\n  \"discount_rate\": " << raw(e.parameters.discount_rate, "null")
      << ",\n  \"scenarios\": [";
  bool first_scenario = true;
  for (int s = 0; s < e.scenarios; ++s) {
    if (s == e.baseline) continue;
    out << (first_scenario ? "\n" : ",\n")
        << "    {\n      \"name\": " << json_string(labels.scenarios[static_cast<std::size_t>(s)])
        << ",\n      \"sentence\": " << json_string(plain_sentence(e, labels, s))
        << ",\n      \"measures\": [";
    first_scenario = false;
    bool first_line = true;
    for (const auto& line : lines_for(e, labels, s)) {
      out << (first_line ? "\n" : ",\n") << "        {\"measure\": " << json_string(line.key)
          << ", \"units\": " << json_string(line.units)
          << ", \"effect\": " << raw(line.paired.mean, "null")
          << ", \"ci_low\": " << raw(line.paired.low, "null")
          << ", \"ci_high\": " << raw(line.paired.high, "null");
      if (line.unpaired)
        out << ", \"unpaired_ci_low\": " << raw(line.unpaired->low, "null")
            << ", \"unpaired_ci_high\": " << raw(line.unpaired->high, "null");
      out << "}";
      first_line = false;
    }
    out << "\n      ]\n    }";
  }
  out << (first_scenario ? "]\n}\n" : "\n  ]\n}\n");
  return out.str();
}

}  // namespace

std::string plain_sentence(const Effects& e, const StudyLabels& labels, int s) {
  // At the baseline's population: a policy that brings newcomers (new homes) is credited with
  // what it does to the employment rate, not with the newcomers' jobs.
  const auto& jobs = e.total(s, Total::employment_gain_at_baseline_population);
  std::string text = labels.scenarios[static_cast<std::size_t>(s)] + ": ";
  const double rounded = std::round(jobs.mean);
  if (!std::isfinite(jobs.mean)) {
    text += "no estimate of residents in work";
  } else if (rounded == 0.0) {
    text += "no change in residents in work by " + horizon(e, labels);
  } else {
    text += number(std::fabs(rounded), 0) + (rounded > 0 ? " more" : " fewer") +
            " residents in work by " + horizon(e, labels);
  }
  if (std::isfinite(jobs.low) && std::isfinite(jobs.high))
    text += " (95% CI " + number(jobs.low, 0) + " to " + number(jobs.high, 0) + ")";
  else if (std::isfinite(jobs.mean))
    text += " (no CI from one replicate)";
  const auto& t = e.additionality;
  if (t.available && t.baseline == e.baseline && s < t.scenarios) {
    const int all = t.slots() - 1;
    const auto& gross = t.value(s, all, Additionality::gross_at_horizon);
    const auto& net = t.value(s, all, Additionality::net_at_horizon);
    const auto& deadweight = t.value(s, all, Additionality::deadweight_at_horizon);
    if (std::isfinite(gross.mean) && std::round(gross.mean) > 0) {
      // Participants' own gain (gross - deadweight) and the net after displacement differ in
      // sign and size (indirect jobs), so both are said rather than "of whom".
      const double own = std::round(gross.mean - deadweight.mean);
      text += "; " + number(std::round(gross.mean), 0) + " programme participants in work (" +
              number(std::fabs(own), 0) + (own >= 0 ? " more" : " fewer") +
              " than without it), net " + number(std::round(net.mean), 0) +
              " additional after displacement";
      if (std::isfinite(net.low) && std::isfinite(net.high))
        text += " (" + number(net.low, 0) + " to " + number(net.high, 0) + ")";
    }
  }
  const auto& sroi = e.value(s, Appraisal::sroi);
  if (!std::isfinite(sroi.mean)) {
    text += "; no programme spending, so no social return per GBP spent";
  } else {
    text += "; GBP " + number(sroi.mean, 1) + " of social value per GBP 1 spent";
    if (std::isfinite(sroi.low) && std::isfinite(sroi.high))
      text += " (" + number(sroi.low, 1) + " to " + number(sroi.high, 1) + ")";
  }
  return text;
}

std::string comparison_report(const Effects& effects, const StudyLabels& labels,
                              ReportFormat format) {
  switch (format) {
    case ReportFormat::csv: return csv(effects, labels);
    case ReportFormat::json: return json(effects, labels);
    case ReportFormat::table: break;
  }
  return table(effects, labels);
}

}  // namespace cwb::ensemble
