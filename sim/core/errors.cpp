// Formatting of located input errors.
#include "sim/core/errors.hpp"

namespace cwb {

std::string InputError::format(const std::string& message, const SourceLocation& where) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ":" + std::to_string(where.line);
      if (where.column > 0) out += ":" + std::to_string(where.column);
    }
    out += ": ";
  }
  if (!where.key_path.empty()) out += "key '" + where.key_path + "': ";
  out += message;
  if (!where.line_text.empty()) {
    out += "\n  " + where.line_text;
    if (where.column > 0)
      out += "\n  " + std::string(static_cast<std::size_t>(where.column - 1), ' ') + "^";
  }
  return out;
}

}  // namespace cwb
