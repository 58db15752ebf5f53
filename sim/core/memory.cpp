#include "sim/core/memory.hpp"

#include <cstdio>
#include <cstdlib>  // defines __GLIBC__ on glibc
#include <cstring>
#include <fstream>
#include <string>
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <malloc.h>
#include <unistd.h>
#endif

namespace cwb {

bool keep_freed_memory() {
#if defined(__GLIBC__)
  // Blocks up to 32 MiB (glibc's largest mmap threshold) come from the heap and go back to it;
  // the heap is never trimmed, and grows 64 MiB at a time.
  const bool ok = mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 &&
                  mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1 && mallopt(M_TOP_PAD, 64 << 20) == 1;
  return ok;
#else
  return false;
#endif
}

namespace {
bool contains(const char* text, const char* part) {
  return text != nullptr && std::strstr(text, part) != nullptr;
}
}  // namespace

void use_transparent_huge_pages(char** argv) {
#if defined(__GLIBC__) && defined(__linux__)
  constexpr const char* kSetting = "glibc.malloc.hugetlb=1";
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (contains(tunables, "glibc.malloc.hugetlb")) return;  // set already (by us or the user)
  const char* wanted = std::getenv("CWB_HUGE_PAGES");
  if (wanted != nullptr && std::strcmp(wanted, "0") == 0) return;
  if (contains(std::getenv("LD_PRELOAD"), "vgpreload")) return;  // valgrind would be left
  int major = 0, minor = 0;
  if (std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) != 2 ||
      major * 100 + minor < 235)
    return;  // the tunable came with glibc 2.35
  // In "always" mode the kernel gives huge pages anyway; in "never" mode it gives none.
  std::ifstream mode_file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  std::getline(mode_file, mode);
  if (!contains(mode.c_str(), "[madvise]")) return;
  std::string value = tunables != nullptr && *tunables != '\0'
                          ? std::string(tunables) + ":" + kSetting
                          : std::string(kSetting);
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Could not run again: carry on as is, without the setting in the environment.
  if (tunables != nullptr)
    setenv("GLIBC_TUNABLES", tunables, 1);
  else
    unsetenv("GLIBC_TUNABLES");
#else
  (void)argv;
#endif
}

}  // namespace cwb
