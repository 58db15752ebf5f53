// Logger implementation: thread-safe writes to a single sink.
#include "sim/core/log.hpp"

#include <atomic>
#include <iostream>
#include <mutex>

namespace cwb::log {
namespace {
std::atomic<Level> g_level{Level::info};
std::mutex g_mutex;
std::function<void(Level, const std::string&)> g_sink;
const char* name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
    default: return "";
  }
}
}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }
void set_sink(std::function<void(Level, const std::string&)> sink) {
  std::lock_guard lock(g_mutex);
  g_sink = std::move(sink);
}
void write(Level l, const std::string& message) {
  if (l < g_level.load()) return;
  std::lock_guard lock(g_mutex);
  if (g_sink)
    g_sink(l, message);
  else
    std::cerr << "cwbsim: " << name(l) << ": " << message << '\n';
}

}  // namespace cwb::log
