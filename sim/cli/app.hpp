// The command-line grammar of cwbsim (CLI11): subcommands, options, help and version.
#pragma once

namespace cwb::cli {

/// Parse the command line and run the chosen subcommand. Returns the exit code for usage
/// errors (2), --help and --version (0) and what the subcommand returns; lets the library's
/// exceptions through for main() to map to exit codes.
int parse_and_dispatch(int argc, char** argv);

/// "cwbsim VERSION (git COMMIT)".
const char* version_line();

}  // namespace cwb::cli
