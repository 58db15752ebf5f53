// Shell quoting of the command line and ISO 8601 UTC timestamps for the results file.
#include "sim/cli/provenance.hpp"

#include <ctime>

namespace cwb::cli {

std::string shell_quote(const std::string& argument) {
  if (argument.empty()) return "''";
  bool plain = true;
  for (const char c : argument) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '=' ||
                      c == ',' || c == '+' || c == '@' || c == '%';
    if (!safe) {
      plain = false;
      break;
    }
  }
  if (plain) return argument;
  std::string quoted = "'";
  for (const char c : argument) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  quoted += '\'';
  return quoted;
}

std::string join_command_line(const std::vector<std::string>& arguments) {
  std::string line;
  for (const auto& argument : arguments) {
    if (!line.empty()) line += ' ';
    line += shell_quote(argument);
  }
  return line;
}

std::string iso8601_utc(std::time_t time) {
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string now_iso8601_utc() { return iso8601_utc(std::time(nullptr)); }

}  // namespace cwb::cli
