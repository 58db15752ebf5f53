// Typed exceptions: bad input (exit code 2) carries its location; internal errors (exit code 1).
#pragma once

#include <stdexcept>
#include <string>

namespace cwb {

/// Where in an input file something is: file, 1-based line and column, dotted key path.
struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
  std::string key_path;
  std::string line_text;  // the offending line, without its newline
};

/// Anything the user can fix: a YAML error, an unknown key, a value out of range, a missing
/// data file, an unwritable output path, a bad command-line option. The CLI exits with code 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
  InputError(const std::string& message, SourceLocation where)
      : std::runtime_error(format(message, where)), where_(std::move(where)) {}
  const SourceLocation& where() const { return where_; }

  /// "file:line:column: key 'a.b': message\n  <line>\n  <caret>"
  static std::string format(const std::string& message, const SourceLocation& where);

 private:
  SourceLocation where_;
};

/// An invariant of the model broke (e.g. the stock-flow identity): a bug, not bad input.
/// The CLI exits with code 1 and leaves no results file.
class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The stock-flow identity failed for a sector in a month.
class AccountingError : public InternalError {
 public:
  using InternalError::InternalError;
};

/// Writing or reading a results file failed (HDF5 error, unwritable path).
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cwb
