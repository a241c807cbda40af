// Internals shared by the scanner's stages (scanner.cpp, generic.cpp, kubeconfig.cpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::parsers::secrets {

// When two candidates overlap, the lower priority number wins: a structured finding
// (kubeconfig user, service-account key) over a key block, a key block over a prefixed token,
// a prefixed token over a named assignment, and every specific format over a JWT, a URL
// password or a generic assignment.
enum Priority : int {
  kStructured = 0,
  kKeyBlock = 1,
  kFormat = 2,
  kContextual = 3,
  kJwt = 4,
  kUrl = 5,
  kGeneric = 6,
};

// A candidate before overlaps are resolved. `secret_text` is set when the secret is not the
// verbatim slice of `secret` (a PEM body without line breaks, a decoded YAML scalar); it only
// feeds the hash and the preview.
struct Found {
  std::string_view rule;
  std::string_view description;
  Span secret;
  Span match;
  Span at;
  std::string context;
  int priority = kGeneric;
  std::string secret_text;
};

[[nodiscard]] inline bool is_space(char c) { return c == ' ' || c == '\t'; }

[[nodiscard]] inline bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

[[nodiscard]] inline Span make_span(std::size_t begin, std::size_t end) {
  return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

// The line around `pos` (without its terminator), clipped to `back` bytes before and `ahead`
// bytes after `pos` so a minified megabyte-long line costs a bounded window per hit.
[[nodiscard]] inline Span line_window(std::string_view text, std::size_t pos, std::size_t back,
                                      std::size_t ahead) {
  std::size_t b = pos;
  const std::size_t min_b = pos > back ? pos - back : 0;
  while (b > min_b && text[b - 1] != '\n' && text[b - 1] != '\r') --b;
  std::size_t e = pos;
  const std::size_t max_e = std::min(text.size(), pos + ahead);
  while (e < max_e && text[e] != '\n' && text[e] != '\r') ++e;
  return make_span(b, e);
}

// SEC013: the assignment around a keyword hit at [kw_begin, kw_end). `last_key` remembers the
// key already judged, so a key holding several keywords (`secret_token`) is read once.
struct GenericState {
  std::uint32_t last_key = UINT32_MAX;
  bool code_file = false;  // source code: only quoted string literals are values
};
void find_generic(std::string_view text, std::uint32_t kw_begin, std::uint32_t kw_end,
                  GenericState& state, std::vector<Found>& out);

// SEC016: credentials embedded in a kubeconfig's users (parsed as YAML when the file looks like
// a kubeconfig by name or by a top-level `kind: Config`).
void find_kubeconfig(const SourceFile& file, std::vector<Found>& out);

}  // namespace lintel::parsers::secrets
