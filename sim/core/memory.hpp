// How the process takes memory from the system and keeps it (glibc malloc settings).
#pragma once

namespace cwb {

/// Keeps memory that the simulation frees in the process for its next requests instead of
/// returning it to the system. A run builds and frees tables of many megabytes every month;
/// by default glibc hands blocks above a threshold back (munmap, heap trimming) and maps them
/// again on the next request, and every page mapped again is a page fault: about 11 us per
/// 4 KiB page on the project's virtual machines, 3 ms per 100 MB (docs/performance.md). Call
/// once, first thing in main(); later calls change nothing. Returns false where the C library
/// does not offer these settings.
bool keep_freed_memory();

/// Runs the program again (execv of /proc/self/exe with the same arguments) with glibc's
/// malloc asked to back its memory with transparent huge pages (GLIBC_TUNABLES
/// glibc.malloc.hugetlb=1): a 2 MiB page takes one page fault where 4 KiB pages take 512, and
/// on the project's virtual machines faults are what the first touch of memory costs
/// (docs/performance.md). Only where it can help: glibc 2.35 or later, the kernel giving huge
/// pages on request ("madvise" mode), the setting not there yet, not under valgrind, and not
/// when CWB_HUGE_PAGES=0. Call first thing in main(), before any thread starts; returns when it
/// did not run the program again (or could not).
void use_transparent_huge_pages(char** argv);

}  // namespace cwb
