#include "analyzer/cli/signals.hpp"

#include <csignal>

#include "analyzer/engine/engine.hpp"

namespace lintel::cli {

namespace {

volatile std::sig_atomic_t g_signal = 0;

// Only async-signal-safe work: a store to a sig_atomic_t and to a lock-free atomic.
extern "C" void on_stop_signal(int sig) {
  if (g_signal != 0) {
    // Second signal: the user insists. Default action (terminate by the signal).
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_signal = sig;
  engine::request_cancel();
}

}  // namespace

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // blocking reads resume; workers check the flag between files
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int received_signal() noexcept { return g_signal; }

}  // namespace lintel::cli
