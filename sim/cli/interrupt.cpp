// Signal handlers that set a flag, and the checkpoint that turns the flag into an exception.
#include "sim/cli/interrupt.hpp"

#include <csignal>
#include <string>

#include <signal.h>

namespace cwb::cli {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal_number) { g_signal = signal_number; }

std::string describe(int signal_number) {
  if (signal_number == SIGINT) return "interrupted (SIGINT)";
  if (signal_number == SIGTERM) return "terminated (SIGTERM)";
  return "stopped by signal " + std::to_string(signal_number);
}

}  // namespace

Interrupted::Interrupted(int signal_number)
    : std::runtime_error(describe(signal_number) + "; no results file written"),
      signal_number_(signal_number) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second Ctrl-C gets the default behaviour
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_requested() { return static_cast<int>(g_signal); }

void throw_if_interrupted() {
  if (const int s = interrupt_requested(); s != 0) throw Interrupted(s);
}

}  // namespace cwb::cli
