#include "parsers/compose/syntax.hpp"

#include <string>
#include <vector>

namespace lintel::parsers::compose {
namespace {

std::optional<std::uint32_t> parse_port_number(std::string_view s) {
  if (s.empty() || s.size() > 5) return std::nullopt;
  std::uint32_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (v > 65535) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_drive_letter(std::string_view part) {
  return part.size() == 1 && ((part[0] >= 'a' && part[0] <= 'z') || (part[0] >= 'A' && part[0] <= 'Z'));
}

}  // namespace

void finish_port(model::ComposePort& out) {
  if (const auto host = parse_port_range(out.published)) {
    out.host_first = host->first;
    out.host_last = host->second;
  }
  if (const auto target = parse_port_range(out.target)) {
    out.target_first = target->first;
    out.target_last = target->second;
  }
  out.unresolved = !model::is_known(out.host_ip) || !model::is_known(out.published) ||
                   !model::is_known(out.target) || !model::is_known(out.protocol);
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_port_range(std::string_view text) {
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    const auto port = parse_port_number(text);
    if (!port) return std::nullopt;
    return std::pair{*port, *port};
  }
  const auto first = parse_port_number(text.substr(0, dash));
  const auto last = parse_port_number(text.substr(dash + 1));
  if (!first || !last || *last < *first) return std::nullopt;
  return std::pair{*first, *last};
}

void parse_port_short(std::string_view spec, model::ComposePort& out) {
  std::string_view rest = spec;
  if (const std::size_t slash = rest.rfind('/'); slash != std::string_view::npos) {
    out.protocol = lower(rest.substr(slash + 1));
    rest = rest.substr(0, slash);
  }
  const std::vector<std::string_view> parts = split(rest, ':');
  const std::size_t n = parts.size();
  out.target = std::string(parts[n - 1]);
  if (n >= 2) out.published = std::string(parts[n - 2]);
  if (n >= 3) {
    std::string ip;
    for (std::size_t i = 0; i + 2 < n; ++i) {
      if (i > 0) ip += ':';
      ip += parts[i];
    }
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    out.host_ip = std::move(ip);
  }
  finish_port(out);
}

void parse_volume_short(std::string_view spec, model::ComposeVolume& out) {
  std::vector<std::string_view> raw = split(spec, ':');
  // Re-join a Windows drive letter with the path that follows it: `C:\data`, `c:/data`.
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (is_drive_letter(raw[i]) && i + 1 < raw.size() && !raw[i + 1].empty() &&
        (raw[i + 1].front() == '\\' || raw[i + 1].front() == '/')) {
      parts.push_back(std::string(raw[i]) + ":" + std::string(raw[i + 1]));
      ++i;
      continue;
    }
    parts.emplace_back(raw[i]);
  }
  if (parts.size() == 1) {
    out.target = parts[0];
    out.type = model::VolumeType::volume;  // an anonymous volume
  } else {
    out.source = parts[0];
    out.target = parts[1];
    for (std::size_t i = 2; i < parts.size(); ++i) {
      if (!out.mode.empty()) out.mode += ':';
      out.mode += parts[i];
    }
    out.type = volume_type_of_source(out.source);
  }
  for (const std::string_view opt : split(out.mode, ','))
    if (opt == "ro") out.read_only = true;
  out.unresolved = !model::is_known(out.source) || !model::is_known(out.target) ||
                   out.type == model::VolumeType::unknown;
}

model::VolumeType volume_type_of_source(std::string_view source) {
  if (source.empty()) return model::VolumeType::volume;
  const char c = source.front();
  if (c == model::kUnknownChar) return model::VolumeType::unknown;
  if (c == '/' || c == '.' || c == '~' || c == '\\') return model::VolumeType::bind;
  if (source.size() >= 3 && is_drive_letter(source.substr(0, 1)) && source[1] == ':' &&
      (source[2] == '\\' || source[2] == '/'))
    return model::VolumeType::bind;
  return model::VolumeType::volume;
}

bool is_remote_context(std::string_view context) {
  constexpr std::string_view kPrefixes[] = {"http://", "https://", "git://", "git@", "ssh://",
                                            "github.com/", "docker-image://", "oci-layout://"};
  for (const std::string_view p : kPrefixes)
    if (context.starts_with(p)) return true;
  // `host/repo.git#branch`
  const std::size_t hash = context.find('#');
  const std::string_view path = context.substr(0, hash);
  return path.ends_with(".git") && path.find("://") != std::string_view::npos;
}

}  // namespace lintel::parsers::compose
