// JSON text exactly as nlohmann's dump(indent, ' ', /*ensure_ascii=*/false, replace) prints it,
// without its per-byte UTF-8 state machine (perf): the SARIF driver alone (125 rules with their
// help pages, about 560 KB) cost 160 M instructions through dump(), more than linting 400
// workflows. Strings that are not valid UTF-8 still go through nlohmann, so the bytes are the
// same either way; tests/sarif_test.cpp compares both on every rule's metadata and on edge cases.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace lintel::sarif {

// Appends `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

// The most bytes a quoted JSON string of `size` bytes can take: 6 a byte ("\u001f"; an invalid
// UTF-8 byte becomes U+FFFD, 3) and the quotes.
[[nodiscard]] constexpr std::size_t json_string_bound(std::size_t size) { return 6 * size + 2; }

// Writes `s` as a quoted JSON string at `at`, which has room for json_string_bound(s.size())
// bytes; returns the end of what it wrote. For writers that size their buffer once.
char* write_json_string(char* at, std::string_view s);

// Appends `j` as j.dump(2, ' ', false, replace) prints it, every line after the first
// `indent` columns further in (what dump(2) prints for `j` nested that deep in a document).
void append_pretty(std::string& out, const nlohmann::ordered_json& j, std::size_t indent = 0);
void append_pretty(std::string& out, const nlohmann::json& j, std::size_t indent = 0);

// j.dump(2, ' ', false, replace), the fast way.
[[nodiscard]] std::string dump_pretty(const nlohmann::ordered_json& j);
[[nodiscard]] std::string dump_pretty(const nlohmann::json& j);

}  // namespace lintel::sarif
