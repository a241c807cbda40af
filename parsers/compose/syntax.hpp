// The string syntaxes inside Compose values: short port and volume specs, port ranges, build
// contexts. They work on interpolated text in which unknown variables are model::kUnknownChar.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "analyzer/model/compose.hpp"

namespace lintel::parsers::compose {

// `80`, `8000-8010`: a port or an inclusive range, each in 0..65535; nullopt otherwise.
[[nodiscard]] std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_port_range(
    std::string_view text);

// `[[IP:]HOST:]CONTAINER[/PROTOCOL]`, split as Docker's nat.ParsePortSpec does: the last part is
// the container port, the one before it the host port, and everything before that the IP
// (`[::1]` loses its brackets). Sets host_ip, published, target, protocol and the ranges.
void parse_port_short(std::string_view spec, model::ComposePort& out);

// Sets the numeric ranges and `unresolved` of a port whose host_ip, published, target and
// protocol are filled (long syntax fills them field by field).
void finish_port(model::ComposePort& out);

// `[SOURCE:]TARGET[:MODE]` with Windows drive letters (`C:\data:/data`) kept in the source.
// Sets type, source, target, mode and read_only.
void parse_volume_short(std::string_view spec, model::ComposeVolume& out);

// What a short-syntax source names: a host path (`/`, `.`, `~`, a drive letter, `\\`) is a bind
// mount, anything else a named volume; unknown when it starts with an unknown variable.
[[nodiscard]] model::VolumeType volume_type_of_source(std::string_view source);

// A build context that is not a local directory: a git or http(s) URL.
[[nodiscard]] bool is_remote_context(std::string_view context);

}  // namespace lintel::parsers::compose
