// `cwbsim summary`: read a results file, compare its scenarios with a baseline, print a report.
#include <filesystem>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"
#include "sim/ensemble/comparison_report.hpp"
#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/stored_study.hpp"
#include "sim/io/results.hpp"

namespace cwb::cli {
namespace {

ensemble::ReportFormat parse_format(const std::string& text) {
  if (text == "table") return ensemble::ReportFormat::table;
  if (text == "csv") return ensemble::ReportFormat::csv;
  if (text == "json") return ensemble::ReportFormat::json;
  throw InputError("--format: must be table, csv or json, got '" + text + "'");
}

/// Appraisal parameters as recorded in the file (so a summary reproduces the file's own
/// value_for_money group); the defaults when the file has no such group.
ensemble::AppraisalParameters recorded_parameters(const io::ResultsDocument& doc) {
  ensemble::AppraisalParameters p;
  for (const auto& g : doc.groups) {
    if (g.name != "value_for_money") continue;
    for (const auto& [name, value] : g.attributes) {
      if (!std::holds_alternative<double>(value)) continue;
      if (name == "discount_rate") p.discount_rate = std::get<double>(value);
      if (name == "hact_employment_value_gbp_per_year")
        p.hact_employment_value_gbp = std::get<double>(value);
    }
  }
  return p;
}

}  // namespace

int summary_command(const SummaryArguments& arguments) {
  const auto format = parse_format(arguments.format);
  const std::filesystem::path path = arguments.results;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(arguments.results + ": no such results file");
  io::ResultsDocument doc;
  try {
    doc = io::read_results(path);
  } catch (const IoError& e) {
    // A file that HDF5 cannot open is bad input here, not a failed write.
    throw InputError(std::string(e.what()) + " (not a results file written by `cwbsim run`?)");
  }
  const auto study = ensemble::stored_study(doc, arguments.results);
  const std::string baseline = arguments.baseline.value_or(study.baseline);
  const int baseline_index = ensemble::scenario_index(study.labels, baseline);
  // Effects are recomputed from the stored indicators and accounts with the same code that
  // wrote the file's effects group, so they agree exactly; another --baseline works the same.
  auto effects = ensemble::compute_effects(study.results, baseline_index, recorded_parameters(doc));
  // Additionality is read as written (it needs the persons' outcomes); the report shows it only
  // against the baseline it was measured with.
  effects.additionality = ensemble::read_additionality(doc, study.labels);
  std::cout << ensemble::comparison_report(effects, study.labels, format);
  std::cout.flush();
  return kExitOk;
}

}  // namespace cwb::cli
