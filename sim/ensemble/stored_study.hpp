// A study read back from a results file written by `cwbsim run`, for `cwbsim summary`.
#pragma once

#include <string>

#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/io/results.hpp"

namespace cwb::ensemble {

struct StoredStudy {
  StudyLabels labels;
  StudyResults results;
  std::string baseline;  // the root attribute `baseline`
  std::int64_t seed = 0;
};

/// Rebuild the study arrays from the groups indicators, anchors and accounts of `doc`.
/// Throws cwb::InputError (naming `what`, e.g. the file) if `doc` is not a cwbsim results
/// document of a known format_version or a group or variable is missing or misshapen.
StoredStudy stored_study(const io::ResultsDocument& doc, const std::string& what);

/// The index of scenario `name` in `labels`; throws cwb::InputError listing the names.
int scenario_index(const StudyLabels& labels, const std::string& name);

}  // namespace cwb::ensemble
