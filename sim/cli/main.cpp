// cwbsim entry point: maps every outcome to an exit code (0 ok, 2 bad input, 1 internal).
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/memory.hpp"
#include "sim/ensemble/mpi.hpp"

namespace cwb::cli {

void print_error(const std::string& message) {
  std::cerr << "cwbsim: error: " << message << '\n';
  std::cerr.flush();
}

namespace {

/// The exit code and message for an exception: the one policy, used alone and under MPI.
ensemble::mpi::Failure describe_failure(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ensemble::mpi::RankFailure& e) {
    return e.failure();
  } catch (const cwb::InputError& e) {
    return {kExitBadInput, e.what()};
  } catch (const Interrupted& e) {
    return {128 + e.signal_number(), e.what()};
  } catch (const cwb::InternalError& e) {
    return {kExitInternal, std::string("internal error (a bug; please report it): ") + e.what()};
  } catch (const cwb::IoError& e) {
    return {kExitInternal, std::string("cannot write the results file: ") + e.what()};
  } catch (const std::bad_alloc&) {
    return {kExitInternal,
            "out of memory (try fewer --threads, replicates or a smaller population_scale)"};
  } catch (const std::exception& e) {
    return {kExitInternal, std::string("internal error: ") + e.what()};
  } catch (...) {
    return {kExitInternal, "internal error: unknown exception"};
  }
}

}  // namespace
}  // namespace cwb::cli

int main(int argc, char** argv) {
  using namespace cwb::cli;
  namespace mpi = cwb::ensemble::mpi;
  cwb::use_transparent_huge_pages(argv);
  cwb::keep_freed_memory();
  const mpi::Session mpi_session(&argc, &argv);
  mpi::set_failure_describer(describe_failure);
  // Under mpirun only rank 0 talks: the summary and help go to stdout once, not once per rank.
  if (!mpi::is_root() && std::freopen("/dev/null", "w", stdout) == nullptr) std::fclose(stdout);
  try {
    return parse_and_dispatch(argc, argv);
  } catch (const mpi::RankFailure& e) {
    // Every rank has this failure; rank 0 reports it and all exit alike.
    if (mpi::is_root()) print_error(e.failure().message);
    return e.failure().exit_code;
  } catch (...) {
    const auto failure = describe_failure(std::current_exception());
    print_error(failure.message);
    // Not agreed on: other ranks may be waiting in a collective, so end them all.
    if (mpi::size() > 1) mpi::abort_all(failure.exit_code);
    return failure.exit_code;
  }
}
