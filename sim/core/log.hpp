// One logger for the library: levels, a replaceable sink (stderr by default), no printf elsewhere.
#pragma once

#include <functional>
#include <string>

namespace cwb::log {

enum class Level { debug = 0, info = 1, warning = 2, error = 3, quiet = 4 };

void set_level(Level level);
Level level();
/// Replace the sink (tests capture messages); nullptr restores stderr.
void set_sink(std::function<void(Level, const std::string&)> sink);
void write(Level level, const std::string& message);

inline void debug(const std::string& m) { write(Level::debug, m); }
inline void info(const std::string& m) { write(Level::info, m); }
inline void warning(const std::string& m) { write(Level::warning, m); }
inline void error(const std::string& m) { write(Level::error, m); }

}  // namespace cwb::log
