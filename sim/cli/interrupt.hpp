// Ctrl-C handling: the first SIGINT/SIGTERM asks the run to stop cleanly; a second one kills.
#pragma once

#include <stdexcept>

namespace cwb::cli {

/// Thrown at a checkpoint after an interrupt was requested; main() exits with 128 + signal.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal_number);
  int signal_number() const { return signal_number_; }

 private:
  int signal_number_;
};

/// Install handlers for SIGINT and SIGTERM that only record the request (async-signal-safe).
/// Each handler resets itself, so a second signal terminates the process the default way.
void install_interrupt_handlers();

/// The signal received, or 0.
int interrupt_requested();

/// Throw Interrupted if a signal was received. Called between runs and before writing.
void throw_if_interrupted();

}  // namespace cwb::cli
