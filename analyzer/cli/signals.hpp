// SIGINT and SIGTERM stop a scan cleanly: the handler asks the engine to cancel (its workers take
// no more files and scan() throws engine::Cancelled), no report is written, and lintel exits with
// 128 + the signal number (130, 143). A second signal while stopping ends the process at once.
#pragma once

namespace lintel::cli {

// Installs the handlers; call once, first thing in main (before any thread starts).
void install_signal_handlers();

// The signal that asked lintel to stop, or 0.
[[nodiscard]] int received_signal() noexcept;

}  // namespace lintel::cli
