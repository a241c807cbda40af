#pragma once

namespace lintel::cli {

// The whole command line: parses arguments, runs the command, returns the exit code.
int run(int argc, char** argv);

}  // namespace lintel::cli
