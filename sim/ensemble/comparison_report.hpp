// The comparison of scenarios as a funder reads it: effects at the horizon with CIs, value for
// money and one plain-language sentence per scenario, as a table, CSV or JSON.
#pragma once

#include <string>

#include "sim/ensemble/effects.hpp"

namespace cwb::ensemble {

enum class ReportFormat { table, csv, json };

/// The report of `effects` (deterministic text: no time stamps, fixed number formats).
std::string comparison_report(const Effects& effects, const StudyLabels& labels,
                              ReportFormat format);

/// "skills_matching: 140 more residents in work by 2026-12 (95% CI 95 to 185); GBP 2.1 of
/// social value per GBP 1 spent (1.6 to 2.7)" for scenario s (not the baseline).
std::string plain_sentence(const Effects& effects, const StudyLabels& labels, int s);

}  // namespace cwb::ensemble
