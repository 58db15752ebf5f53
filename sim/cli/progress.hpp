// Progress of a study on stderr: a bar on a terminal, plain periodic lines otherwise.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace cwb::cli {

/// How `--progress` was given.
enum class ProgressMode { automatic, always, never };

/// Parse "auto", "always" or "never"; throws cwb::InputError otherwise.
ProgressMode parse_progress_mode(const std::string& text);

/// What the reporter actually draws, decided once from the mode and whether the stream is a tty.
enum class ProgressStyle { none, bar, lines };

/// auto: a bar on a terminal, nothing otherwise; always: a bar on a terminal, lines otherwise;
/// never (or quiet): nothing.
ProgressStyle choose_progress_style(ProgressMode mode, bool quiet, bool is_terminal);

/// "9s", "2m05s", "1h02m".
std::string format_duration(double seconds);

/// One bar line, e.g. "[#####     ] 12/40 runs  3.1 runs/s  eta 9s" (no carriage return).
std::string format_bar(int done, int total, double runs_per_second, int width = 20);

/// One plain line, e.g. "progress: 12/40 runs (30%), 3.1 runs/s, eta 9s".
std::string format_line(int done, int total, double runs_per_second);

/// Thread-safe, rate-limited reporter fed by RunOptions::on_progress.
class ProgressReporter {
 public:
  using Clock = std::chrono::steady_clock;

  ProgressReporter(ProgressStyle style, std::FILE* stream);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  /// Record that `done` of `total` runs have finished (callable from any thread).
  void update(int done, int total);

  /// Write a log message without garbling the bar: clear it, print, redraw.
  void print_message(const std::string& message);

  /// End the bar's line if one is drawn (call before printing errors or the summary).
  void finish();

 private:
  void draw_locked(int done, int total, Clock::time_point now);
  void clear_bar_locked();

  ProgressStyle style_;
  std::FILE* stream_;
  std::mutex mutex_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  int done_ = 0;
  int total_ = 0;
  bool drawn_ = false;     // a bar or a line has been printed at least once
  bool bar_open_ = false;  // the bar is on screen and its line not yet ended
  bool finished_ = false;
};

}  // namespace cwb::cli
