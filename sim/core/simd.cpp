#include "sim/core/simd.hpp"

#include <cstdlib>
#include <cstring>

namespace cwb {

namespace {
bool detect_vector_paths() {
  const char* setting = std::getenv("CWB_SIMD");
  if (setting != nullptr && std::strcmp(setting, "0") == 0) return false;
#ifdef CWB_HAS_AVX512_PATHS
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}
}  // namespace

bool vector_paths() {
  static const bool on = detect_vector_paths();
  return on;
}

}  // namespace cwb
