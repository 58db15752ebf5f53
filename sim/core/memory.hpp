// How the process keeps the memory it frees (glibc malloc settings).
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

}  // namespace cwb
