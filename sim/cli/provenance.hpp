// Provenance helpers: the command line as typed (shell-quoted) and the current UTC time.
#pragma once

#include <ctime>
#include <string>
#include <vector>

namespace cwb::cli {

/// Quote one argument for a POSIX shell only when it needs it: `a b` -> `'a b'`,
/// `it's` -> `'it'\''s'`, `` -> `''`; plain words are returned as they are.
std::string shell_quote(const std::string& argument);

/// The arguments joined by spaces, each quoted as needed, so the line can be pasted back.
std::string join_command_line(const std::vector<std::string>& arguments);

/// `time` as ISO 8601 UTC, e.g. "2024-05-01T12:34:56Z".
std::string iso8601_utc(std::time_t time);

/// Now, as iso8601_utc.
std::string now_iso8601_utc();

}  // namespace cwb::cli
