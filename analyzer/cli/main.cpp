#include <csignal>
#include <iostream>

#include "analyzer/cli/cli.hpp"
#include "analyzer/cli/signals.hpp"
#include "analyzer/engine/engine.hpp"

int main(int argc, char** argv) {
  lintel::cli::install_signal_handlers();
  int code = 0;
  bool cancelled = false;
  try {
    code = lintel::cli::run(argc, argv);
  } catch (const lintel::engine::Cancelled&) {
    // The scan stopped before its end: no report is written (an --output file keeps its
    // previous content; the temporary file is only created after a complete scan).
    cancelled = true;
  }
  if (const int sig = lintel::cli::received_signal(); sig != 0) {
    std::cerr << "lintel: interrupted by " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
              << (cancelled ? "; scan stopped, no report written\n" : "\n");
    return 128 + sig;
  }
  return code;
}
