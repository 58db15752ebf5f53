// cwbsim entry point: maps every outcome to an exit code (0 ok, 2 bad input, 1 internal).
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/core/errors.hpp"

namespace cwb::cli {

void print_error(const std::string& message) {
  std::cerr << "cwbsim: error: " << message << '\n';
  std::cerr.flush();
}

}  // namespace cwb::cli

int main(int argc, char** argv) {
  using namespace cwb::cli;
  try {
    return parse_and_dispatch(argc, argv);
  } catch (const cwb::InputError& e) {
    print_error(e.what());
    return kExitBadInput;
  } catch (const Interrupted& e) {
    print_error(e.what());
    return 128 + e.signal_number();
  } catch (const cwb::InternalError& e) {
    print_error(std::string("internal error (a bug; please report it): ") + e.what());
    return kExitInternal;
  } catch (const cwb::IoError& e) {
    print_error(std::string("cannot write the results file: ") + e.what());
    return kExitInternal;
  } catch (const std::bad_alloc&) {
    print_error("out of memory (try fewer --threads, replicates or a smaller population_scale)");
    return kExitInternal;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return kExitInternal;
  } catch (...) {
    print_error("internal error: unknown exception");
    return kExitInternal;
  }
}
