// Progress reporting for `cwbsim run`: formatting, rate limiting and drawing under a mutex.
#include "sim/cli/progress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/errors.hpp"

namespace cwb::cli {
namespace {

constexpr auto kBarInterval = std::chrono::milliseconds(100);
constexpr auto kLineInterval = std::chrono::seconds(5);

std::string format_rate(double runs_per_second) {
  char buffer[64];
  if (!(runs_per_second > 0.0) || !std::isfinite(runs_per_second)) return "- runs/s";
  if (runs_per_second >= 100.0) {
    std::snprintf(buffer, sizeof buffer, "%.0f runs/s", runs_per_second);
  } else if (runs_per_second >= 0.1) {
    std::snprintf(buffer, sizeof buffer, "%.1f runs/s", runs_per_second);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f runs/min", runs_per_second * 60.0);
  }
  return buffer;
}

std::string format_eta(int done, int total, double runs_per_second) {
  if (done >= total) return "done";
  if (!(runs_per_second > 0.0) || !std::isfinite(runs_per_second)) return "eta ?";
  return "eta " + format_duration(static_cast<double>(total - done) / runs_per_second);
}

}  // namespace

ProgressMode parse_progress_mode(const std::string& text) {
  if (text == "auto") return ProgressMode::automatic;
  if (text == "always") return ProgressMode::always;
  if (text == "never") return ProgressMode::never;
  throw InputError("--progress: expected auto, always or never, got '" + text + "'");
}

ProgressStyle choose_progress_style(ProgressMode mode, bool quiet, bool is_terminal) {
  if (quiet || mode == ProgressMode::never) return ProgressStyle::none;
  if (is_terminal) return ProgressStyle::bar;
  return mode == ProgressMode::always ? ProgressStyle::lines : ProgressStyle::none;
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) return "?";
  const auto total = static_cast<long long>(std::llround(seconds));
  char buffer[64];
  if (total < 60) {
    std::snprintf(buffer, sizeof buffer, "%llds", total);
  } else if (total < 3600) {
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", total / 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", total / 3600, (total % 3600) / 60);
  }
  return buffer;
}

std::string format_bar(int done, int total, double runs_per_second, int width) {
  const double fraction = total > 0 ? std::clamp(static_cast<double>(done) / total, 0.0, 1.0) : 1.0;
  const int filled = static_cast<int>(fraction * width);
  std::string bar;
  bar.reserve(static_cast<std::size_t>(width) + 64);
  bar += '[';
  bar.append(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(width - filled), ' ');
  bar += "] ";
  bar += std::to_string(done);
  bar += '/';
  bar += std::to_string(total);
  bar += " runs  ";
  bar += format_rate(runs_per_second);
  bar += "  ";
  bar += format_eta(done, total, runs_per_second);
  return bar;
}

std::string format_line(int done, int total, double runs_per_second) {
  const int percent = total > 0 ? static_cast<int>(100.0 * done / total) : 100;
  return "progress: " + std::to_string(done) + "/" + std::to_string(total) + " runs (" +
         std::to_string(percent) + "%), " + format_rate(runs_per_second) + ", " +
         format_eta(done, total, runs_per_second);
}

ProgressReporter::ProgressReporter(ProgressStyle style, std::FILE* stream)
    : style_(style), stream_(stream), start_(Clock::now()), last_draw_(start_) {}

ProgressReporter::~ProgressReporter() { finish(); }

void ProgressReporter::update(int done, int total) {
  if (style_ == ProgressStyle::none) return;
  std::lock_guard lock(mutex_);
  if (finished_) return;
  // Callbacks may arrive out of order from several threads: never go backwards.
  done_ = std::max(done_, done);
  total_ = total;
  const auto now = Clock::now();
  const auto interval = style_ == ProgressStyle::bar
                            ? std::chrono::duration_cast<Clock::duration>(kBarInterval)
                            : std::chrono::duration_cast<Clock::duration>(kLineInterval);
  if (done_ >= total_ || !drawn_ || now - last_draw_ >= interval) draw_locked(done_, total_, now);
}

void ProgressReporter::draw_locked(int done, int total, Clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0.0 && done > 0 ? done / elapsed : 0.0;
  if (style_ == ProgressStyle::bar) {
    std::fprintf(stream_, "\r%s\033[K", format_bar(done, total, rate).c_str());
    bar_open_ = true;
    if (done >= total) {
      std::fputc('\n', stream_);
      bar_open_ = false;
    }
  } else {
    // Plain lines: skip the "0 runs done" line, it says nothing.
    if (done == 0 && total > 0) {
      last_draw_ = now;
      drawn_ = true;
      return;
    }
    std::fprintf(stream_, "%s\n", format_line(done, total, rate).c_str());
  }
  std::fflush(stream_);
  last_draw_ = now;
  drawn_ = true;
}

void ProgressReporter::clear_bar_locked() {
  if (bar_open_) {
    std::fputs("\r\033[K", stream_);
    std::fflush(stream_);
  }
}

void ProgressReporter::print_message(const std::string& message) {
  std::lock_guard lock(mutex_);
  clear_bar_locked();
  std::fprintf(stream_, "%s\n", message.c_str());
  if (bar_open_ && !finished_) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = elapsed > 0.0 && done_ > 0 ? done_ / elapsed : 0.0;
    std::fprintf(stream_, "\r%s\033[K", format_bar(done_, total_, rate).c_str());
  }
  std::fflush(stream_);
}

void ProgressReporter::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (bar_open_) {
    std::fputc('\n', stream_);
    std::fflush(stream_);
    bar_open_ = false;
  }
}

}  // namespace cwb::cli
