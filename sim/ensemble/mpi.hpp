// Optional MPI distribution of a study: rank and size, collective error agreement, gathering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cwb::ensemble::mpi {

/// Whether this build was made with MPI (CMake option CWB_WITH_MPI).
bool built_with_mpi();

/// Initialises MPI for the process's lifetime when built with it (only the main thread calls
/// MPI: MPI_THREAD_FUNNELED) and finalises it on destruction. Without MPI: does nothing.
class Session {
 public:
  Session(int* argc, char*** argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

 private:
  bool owns_ = false;
};

/// This process's rank in MPI_COMM_WORLD (0 without MPI or when MPI is not initialised).
int rank();
/// Number of ranks (1 without MPI or when MPI is not initialised).
int size();
inline bool is_root() { return rank() == 0; }
/// Ranks sharing this machine (1 without MPI): used to split the cores between them.
int ranks_on_this_node();

/// How a failure is reported: the process exit code and the text after "cwbsim: error: ".
struct Failure {
  int exit_code = 1;
  std::string message;
};

/// The executable's policy for turning an exception into a Failure. Without one, every
/// failure is exit code 1 with the exception's what().
void set_failure_describer(std::function<Failure(std::exception_ptr)> describer);
Failure describe(std::exception_ptr error);

/// A failure every rank agreed on; thrown on every rank by agree(). Only rank 0 prints it.
class RankFailure : public std::runtime_error {
 public:
  explicit RankFailure(Failure failure)
      : std::runtime_error(failure.message), failure_(std::move(failure)) {}
  const Failure& failure() const { return failure_; }

 private:
  Failure failure_;
};

/// Collective (every rank must call it at the same point). With one rank it rethrows
/// `local_error` unchanged, so a single process behaves exactly as without MPI. With more, if
/// any rank passes an error, every rank throws RankFailure describing the lowest failing
/// rank's error (so all exit alike and nobody waits forever in a later collective).
void agree(std::exception_ptr local_error);

/// Ends every rank at once with `exit_code`: for a failure that was not agreed on, where the
/// other ranks may be waiting in a collective.
[[noreturn]] void abort_all(int exit_code);

/// Runs (jobs) are dealt to ranks by index: run j belongs to rank j % size().
inline bool owns_run(std::size_t run) {
  return static_cast<int>(run % static_cast<std::size_t>(size())) == rank();
}

/// Replicates are dealt to ranks by number: replicate r (all its scenarios' runs, which are
/// computed together for additionality) belongs to rank r % size().
inline int replicate_owner(int replicate) { return replicate % size(); }
inline bool owns_replicate(int replicate) { return replicate_owner(replicate) == rank(); }

/// Collective: as gather_runs below, but run j was filled by rank owner(j) (0 <= owner < size()).
void gather_runs_by(std::vector<double>& data, std::size_t runs,
                    const std::function<int(std::size_t)>& owner);
void gather_runs_by(std::vector<std::int64_t>& data, std::size_t runs,
                    const std::function<int(std::size_t)>& owner);

/// Collective: `data` holds `runs` blocks of `per_run` values, and each rank has filled the
/// blocks of its own runs. Afterwards rank 0 holds every block (MPI_Gatherv); other ranks'
/// data is unchanged. No-op with one rank.
void gather_runs(std::vector<double>& data, std::size_t runs);
void gather_runs(std::vector<std::int64_t>& data, std::size_t runs);

}  // namespace cwb::ensemble::mpi
