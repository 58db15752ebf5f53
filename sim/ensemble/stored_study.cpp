// Reading a study's indicators, anchor indicators and accounts back out of a ResultsDocument.
#include "sim/ensemble/stored_study.hpp"

#include <algorithm>
#include <limits>

#include "sim/core/errors.hpp"

namespace cwb::ensemble {
namespace {

/// The results format this reader understands (root attribute format_version).
constexpr std::int64_t kFormatVersion = 1;

class Reader {
 public:
  Reader(const io::ResultsDocument& doc, std::string what) : doc_(doc), what_(std::move(what)) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(what_ + ": " + message);
  }

  const io::AttributeValue* root_attribute(const std::string& name) const {
    for (const auto& [key, value] : doc_.root_attributes)
      if (key == name) return &value;
    return nullptr;
  }

  const io::Group& group(const std::string& name) const {
    for (const auto& g : doc_.groups)
      if (g.name == name) return g;
    fail("no group '" + name + "' (not a results file written by `cwbsim run`?)");
  }

  template <typename T>
  const std::vector<T>& coordinate(const io::Group& g, const std::string& name) const {
    for (const auto& c : g.coordinates)
      if (c.name == name && std::holds_alternative<std::vector<T>>(c.values))
        return std::get<std::vector<T>>(c.values);
    fail("group '" + g.name + "' has no coordinate '" + name + "' of the expected type");
  }

  const io::Coordinate& coordinate_entry(const io::Group& g, const std::string& name) const {
    for (const auto& c : g.coordinates)
      if (c.name == name) return c;
    fail("group '" + g.name + "' has no coordinate '" + name + "'");
  }

  bool has_variable(const io::Group& g, const std::string& name) const {
    return std::any_of(g.variables.begin(), g.variables.end(),
                       [&](const auto& v) { return v.name == name; });
  }

  template <typename T>
  const std::vector<T>& variable(const io::Group& g, const std::string& name,
                                 std::size_t size) const {
    for (const auto& v : g.variables) {
      if (v.name != name) continue;
      if (!std::holds_alternative<std::vector<T>>(v.values))
        fail(g.name + "/" + name + " has an unexpected type");
      const auto& values = std::get<std::vector<T>>(v.values);
      if (values.size() != size)
        fail(g.name + "/" + name + " has " + std::to_string(values.size()) + " values, expected " +
             std::to_string(size));
      return values;
    }
    fail("group '" + g.name + "' has no variable '" + name + "'");
  }

 private:
  const io::ResultsDocument& doc_;
  std::string what_;
};

}  // namespace

StoredStudy stored_study(const io::ResultsDocument& doc, const std::string& what) {
  const Reader in(doc, what);
  const auto* format = in.root_attribute("format_version");
  if (format == nullptr || !std::holds_alternative<std::int64_t>(*format))
    in.fail("no root attribute format_version: not a results file written by `cwbsim run`");
  if (std::get<std::int64_t>(*format) != kFormatVersion)
    in.fail("format_version " + std::to_string(std::get<std::int64_t>(*format)) +
            " is not supported (this cwbsim reads version " + std::to_string(kFormatVersion) + ")");
  StoredStudy study;
  if (const auto* b = in.root_attribute("baseline"); b && std::holds_alternative<std::string>(*b))
    study.baseline = std::get<std::string>(*b);
  if (const auto* s = in.root_attribute("seed"); s && std::holds_alternative<std::int64_t>(*s))
    study.seed = std::get<std::int64_t>(*s);
  const auto* start = in.root_attribute("start");
  if (start == nullptr || !std::holds_alternative<std::string>(*start) ||
      !YearMonth::parse(std::get<std::string>(*start), study.labels.start))
    in.fail("no valid root attribute start (YYYY-MM)");

  const auto& indicators = in.group("indicators");
  const auto& anchors = in.group("anchors");
  const auto& accounts = in.group("accounts");
  study.labels.scenarios = in.coordinate<std::string>(indicators, "scenario");
  study.labels.anchors = in.coordinate<std::string>(anchors, "anchor");
  study.labels.month = in.coordinate_entry(indicators, "month");
  const auto replicates = in.coordinate<std::int64_t>(indicators, "replicate").size();
  const auto months = in.coordinate<std::int64_t>(indicators, "month").size();
  const auto zones = in.coordinate<std::string>(indicators, "zone").size();
  if (study.labels.scenarios.empty() || replicates == 0 || months == 0 || zones == 0)
    in.fail("the study has no scenario, replicate, month or zone");
  if (study.baseline.empty()) study.baseline = study.labels.scenarios.front();

  auto& res = study.results;
  res.allocate(static_cast<int>(study.labels.scenarios.size()), static_cast<int>(replicates),
               static_cast<int>(months), static_cast<int>(zones),
               static_cast<int>(study.labels.anchors.size()));
  const std::size_t zone_cells = res.zone_indicators.size() / accounting::kZoneIndicators;
  // An indicator added to the model after the file was written is missing from it: its
  // effects are NaN. Employment and the accounts are needed for every cumulative effect.
  constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
  for (int i = 0; i < accounting::kZoneIndicators; ++i) {
    const auto name = std::string(accounting::kZoneIndicatorInfo[static_cast<std::size_t>(i)].name);
    const auto indicator = static_cast<accounting::ZoneIndicator>(i);
    if (!in.has_variable(indicators, name) &&
        indicator != accounting::ZoneIndicator::employment_rate &&
        indicator != accounting::ZoneIndicator::working_age_population) {
      for (std::size_t c = 0; c < zone_cells; ++c)
        res.zone_indicators[c * accounting::kZoneIndicators + i] = kMissing;
      continue;
    }
    const auto& values = in.variable<double>(indicators, name, zone_cells);
    for (std::size_t c = 0; c < zone_cells; ++c)
      res.zone_indicators[c * accounting::kZoneIndicators + i] = values[c];
  }
  const std::size_t anchor_cells = res.anchor_indicators.size() / accounting::kAnchorIndicators;
  for (int k = 0; k < accounting::kAnchorIndicators; ++k) {
    const auto name =
        std::string(accounting::kAnchorIndicatorInfo[static_cast<std::size_t>(k)].name);
    if (!in.has_variable(anchors, name)) {
      for (std::size_t c = 0; c < anchor_cells; ++c)
        res.anchor_indicators[c * accounting::kAnchorIndicators + k] = kMissing;
      continue;
    }
    if (static_cast<accounting::AnchorIndicator>(k) == accounting::AnchorIndicator::spend) {
      const auto& pence =
          in.variable<std::int64_t>(anchors, name, anchor_cells);  // stored in pence
      for (std::size_t c = 0; c < anchor_cells; ++c)
        res.anchor_indicators[c * accounting::kAnchorIndicators + k] =
            static_cast<double>(pence[c]) / 100.0;
      continue;
    }
    const auto& values = in.variable<double>(anchors, name, anchor_cells);
    for (std::size_t c = 0; c < anchor_cells; ++c)
      res.anchor_indicators[c * accounting::kAnchorIndicators + k] = values[c];
  }
  res.sam = in.variable<std::int64_t>(accounts, "sam", res.sam.size());
  return study;
}

int scenario_index(const StudyLabels& labels, const std::string& name) {
  const auto it = std::find(labels.scenarios.begin(), labels.scenarios.end(), name);
  if (it != labels.scenarios.end()) return static_cast<int>(it - labels.scenarios.begin());
  std::string known;
  for (const auto& s : labels.scenarios)
    known += (known.empty() ? "" : ", ") + s;
  throw InputError("unknown baseline scenario '" + name + "'; the file holds: " + known);
}

}  // namespace cwb::ensemble
