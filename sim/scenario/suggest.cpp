// "Did you mean" suggestions for misspelt keys, column names and programme types.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"

namespace cwb::scenario {
namespace {

std::string lower(const std::string& s) {
  std::string out = s;
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Optimal-string-alignment Damerau-Levenshtein: insertions, deletions, substitutions and
// transpositions of neighbours, the usual typing slips, each cost 1.
std::size_t damerau_levenshtein(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace

std::string did_you_mean(const std::string& unknown, const std::vector<std::string>& known) {
  // Case is ignored: "Months" is surely "months".
  const std::string needle = lower(unknown);
  const std::size_t limit = std::max<std::size_t>(2, needle.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : known) {
    const std::size_t distance = damerau_levenshtein(needle, lower(candidate));
    // Ties keep the earlier candidate, so the answer does not depend on anything but order.
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace cwb::scenario
