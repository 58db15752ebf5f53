// MPI distribution of a study (C API); without CWB_WITH_MPI every call is the one-rank case.
#include "sim/ensemble/mpi.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <utility>

#include "sim/core/errors.hpp"

#if CWB_WITH_MPI
#include <mpi.h>
#endif

namespace cwb::ensemble::mpi {
namespace {

std::function<Failure(std::exception_ptr)>& describer() {
  static std::function<Failure(std::exception_ptr)> d;
  return d;
}

int& node_ranks() {
  static int n = 1;
  return n;
}

#if CWB_WITH_MPI
bool active() {
  int initialised = 0, finalised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  return initialised != 0 && finalised == 0;
}

/// Started by an MPI launcher (mpirun, srun)? A plain `cwbsim run` then skips MPI_Init:
/// Open MPI's singleton start spawns a helper daemon, which would slow every invocation.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

template <class T>
void gather(std::vector<T>& data, std::size_t runs, MPI_Datatype element,
            const std::function<int(std::size_t)>& owner) {
  const int n = size();
  if (n == 1 || runs == 0 || data.empty()) return;
  const std::size_t per_run = data.size() / runs;
  if (per_run * runs != data.size()) throw InternalError("gather_runs: array is not runs x block");
  if (per_run > static_cast<std::size_t>(INT_MAX) || runs > static_cast<std::size_t>(INT_MAX))
    throw InternalError("gather_runs: a run's results exceed the MPI count limit");
  // One derived type per run keeps counts small however large the study.
  MPI_Datatype block;
  MPI_Type_contiguous(static_cast<int>(per_run), element, &block);
  MPI_Type_commit(&block);

  const int me = rank();
  // Rank k sends its runs in increasing order; every rank knows the owners, so rank 0 can put
  // each received block back in place.
  std::vector<std::vector<std::size_t>> runs_of(static_cast<std::size_t>(n));
  for (std::size_t j = 0; j < runs; ++j)
    runs_of[static_cast<std::size_t>(owner(j))].push_back(j);
  std::vector<T> send;
  for (const auto j : runs_of[static_cast<std::size_t>(me)])
    send.insert(send.end(), data.begin() + static_cast<std::ptrdiff_t>(j * per_run),
                data.begin() + static_cast<std::ptrdiff_t>((j + 1) * per_run));
  std::vector<int> counts(static_cast<std::size_t>(n)), displacements(static_cast<std::size_t>(n));
  int offset = 0;
  for (int k = 0; k < n; ++k) {
    const auto uk = static_cast<std::size_t>(k);
    counts[uk] = static_cast<int>(runs_of[uk].size());
    displacements[uk] = offset;
    offset += counts[uk];
  }
  std::vector<T> received(me == 0 ? data.size() : 0);
  MPI_Gatherv(send.data(), counts[static_cast<std::size_t>(me)], block, received.data(),
              counts.data(), displacements.data(), block, 0, MPI_COMM_WORLD);
  MPI_Type_free(&block);
  if (me != 0) return;
  for (int k = 0; k < n; ++k)
    for (int i = 0; i < counts[static_cast<std::size_t>(k)]; ++i) {
      const auto from =
          static_cast<std::size_t>(displacements[static_cast<std::size_t>(k)] + i) * per_run;
      const auto run = runs_of[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)];
      std::copy_n(received.begin() + static_cast<std::ptrdiff_t>(from), per_run,
                  data.begin() + static_cast<std::ptrdiff_t>(run * per_run));
    }
}

int dealt_by_index(std::size_t run) {
  return static_cast<int>(run % static_cast<std::size_t>(size()));
}
#endif

}  // namespace

bool built_with_mpi() {
#if CWB_WITH_MPI
  return true;
#else
  return false;
#endif
}

Session::Session([[maybe_unused]] int* argc, [[maybe_unused]] char*** argv) {
#if CWB_WITH_MPI
  if (active() || !launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  owns_ = true;
  // Counted once here, where every rank passes: a collective hidden in a getter could be
  // reached by some ranks only.
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &node_ranks());
  MPI_Comm_free(&node);
#endif
}

Session::~Session() {
#if CWB_WITH_MPI
  if (owns_ && active()) MPI_Finalize();
#endif
}

int rank() {
#if CWB_WITH_MPI
  if (!active()) return 0;
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
#else
  return 0;
#endif
}

int size() {
#if CWB_WITH_MPI
  if (!active()) return 1;
  int s = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
#else
  return 1;
#endif
}

int ranks_on_this_node() { return node_ranks(); }

void set_failure_describer(std::function<Failure(std::exception_ptr)> d) {
  describer() = std::move(d);
}

Failure describe(std::exception_ptr error) {
  if (describer()) return describer()(error);
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return {1, e.what()};
  } catch (...) {
    return {1, "unknown exception"};
  }
}

void agree(std::exception_ptr local_error) {
  if (size() == 1) {
    if (local_error) std::rethrow_exception(local_error);
    return;
  }
#if CWB_WITH_MPI
  const int mine = local_error ? rank() : INT_MAX;
  int first = INT_MAX;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (first == INT_MAX) return;
  Failure failure;
  if (rank() == first) failure = describe(local_error);
  int code = failure.exit_code;
  MPI_Bcast(&code, 1, MPI_INT, first, MPI_COMM_WORLD);
  int length = static_cast<int>(std::min<std::size_t>(failure.message.size(), INT_MAX));
  MPI_Bcast(&length, 1, MPI_INT, first, MPI_COMM_WORLD);
  failure.message.resize(static_cast<std::size_t>(length));
  MPI_Bcast(failure.message.data(), length, MPI_CHAR, first, MPI_COMM_WORLD);
  failure.exit_code = code;
  if (first != 0) failure.message += " (on MPI rank " + std::to_string(first) + ")";
  throw RankFailure(std::move(failure));
#endif
}

void abort_all(int exit_code) {
#if CWB_WITH_MPI
  if (active() && size() > 1) MPI_Abort(MPI_COMM_WORLD, exit_code);
#endif
  std::_Exit(exit_code);
}

void gather_runs([[maybe_unused]] std::vector<double>& data, [[maybe_unused]] std::size_t runs) {
#if CWB_WITH_MPI
  gather(data, runs, MPI_DOUBLE, dealt_by_index);
#endif
}

void gather_runs([[maybe_unused]] std::vector<std::int64_t>& data,
                 [[maybe_unused]] std::size_t runs) {
#if CWB_WITH_MPI
  gather(data, runs, MPI_INT64_T, dealt_by_index);
#endif
}

void gather_runs_by([[maybe_unused]] std::vector<double>& data, [[maybe_unused]] std::size_t runs,
                    [[maybe_unused]] const std::function<int(std::size_t)>& owner) {
#if CWB_WITH_MPI
  gather(data, runs, MPI_DOUBLE, owner);
#endif
}

void gather_runs_by([[maybe_unused]] std::vector<std::int64_t>& data,
                    [[maybe_unused]] std::size_t runs,
                    [[maybe_unused]] const std::function<int(std::size_t)>& owner) {
#if CWB_WITH_MPI
  gather(data, runs, MPI_INT64_T, owner);
#endif
}

}  // namespace cwb::ensemble::mpi
