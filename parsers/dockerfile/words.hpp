// Tokenizers over a logical line: whitespace-separated words that honour quotes and the escape
// character, BuildKit's builder flags (`--name=value`), and JSON string arrays (exec form).
// Every offset here is relative to the string_view passed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::parsers::dockerfile {

struct Range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  [[nodiscard]] std::string_view of(std::string_view s) const {
    return s.substr(begin, end - begin);
  }
};

// BuildKit's parseWords: words split on unquoted whitespace; quotes and escapes stay in the word.
[[nodiscard]] std::vector<Range> split_raw_words(std::string_view s, char escape);
// The same, into `out` (cleared first), so a caller can reuse its capacity.
void split_raw_words(std::string_view s, char escape, std::vector<Range>& out);

// A raw word and whether it is `quoted`: it holds a quote or the escape character. unquote()
// returns a word that is not quoted unchanged (perf: callers skip it for most words).
struct RawWord {
  Range range;
  bool quoted = false;
};
void split_raw_words(std::string_view s, char escape, std::vector<RawWord>& out);

// A `--name[=value]` flag before an instruction's arguments; `word` has quotes and backslash
// escapes removed, as BuildKit's extractBuilderFlags does.
struct RawFlag {
  Range raw;
  std::string word;
};
// Reads the flags starting at `pos`; returns where the arguments start. A lone `--` ends the
// flags and is not one.
[[nodiscard]] std::uint32_t extract_flags(std::string_view s, std::uint32_t pos,
                                          std::vector<RawFlag>& out);

struct JsonString {
  Range literal;      // the string literal, quotes included
  std::string value;  // escapes decoded
  bool exact = true;  // the value is byte for byte the literal's content (no escapes)
};
enum class JsonArray : std::uint8_t { strings, not_json, not_strings };
// Parses `s` as a JSON array of strings. Like Go's json.Decoder, text after the closing bracket
// is ignored. `not_strings` is valid JSON with a non-string element (BuildKit rejects it);
// `not_json` means the instruction is in shell form.
[[nodiscard]] JsonArray parse_json_array(std::string_view s, std::vector<JsonString>& out);

}  // namespace lintel::parsers::dockerfile
