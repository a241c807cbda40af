#include "parsers/dockerfile/words.hpp"

#include <array>

#include "analyzer/bytes16.hpp"
#include "parsers/dockerfile/lines.hpp"

namespace lintel::parsers::dockerfile {

using bytes16::Bytes16;
using bytes16::equal_to;
using bytes16::first_hit;
using bytes16::mask;
using bytes16::splat;
namespace {

std::uint32_t u32(std::size_t n) { return static_cast<std::uint32_t>(n); }

// Skips a quoted section starting at s[pos] (the quote); returns the offset after the closing
// quote, or the end of the string when it is unterminated.
std::size_t skip_quoted(std::string_view s, std::size_t pos, char escape) {
  const char quote = s[pos++];
  // Nothing can be escaped inside single quotes.
  if (quote == '\'') {
    const std::size_t close = s.find('\'', pos);
    return close == std::string_view::npos ? s.size() : close + 1;
  }
  while (pos < s.size()) {
    // Up to the next quote or escape character, 16 bytes at a time (perf: RUN scripts quote
    // long strings).
    if (pos + 16 <= s.size()) {
      const Bytes16 v = bytes16::load(s.data() + pos);
      const std::size_t hit = first_hit(equal_to(v, '"') | equal_to(v, escape));
      pos += hit;
      if (hit == 16) continue;
    }
    const char c = s[pos];
    if (c == quote) return pos + 1;
    if (c == escape && pos + 1 < s.size()) ++pos;
    ++pos;
  }
  return pos;
}

// How the word splitter treats each byte: whitespace ends a word, a quote or the escape character
// changes how far it goes (and makes unquote() change it).
enum class CharClass : std::uint8_t { ordinary, space, quote, escape };
struct ClassTable {
  std::array<CharClass, 256> of{};
};
constexpr ClassTable make_class_table(char escape) {
  ClassTable t;
  for (const char c : {' ', '\t', '\v', '\f', '\r', '\n'})
    t.of[static_cast<unsigned char>(c)] = CharClass::space;
  t.of[static_cast<unsigned char>('\'')] = CharClass::quote;
  t.of[static_cast<unsigned char>('"')] = CharClass::quote;
  t.of[static_cast<unsigned char>(escape)] = CharClass::escape;
  return t;
}
constexpr ClassTable kBackslashClasses = make_class_table('\\');
constexpr ClassTable kBacktickClasses = make_class_table('`');

// The index of the first of the 16 bytes at `p` that is not an ordinary word byte (whitespace, a
// quote or `escape`), or 16.
std::size_t first_stop(const char* p, Bytes16 escape) {
  const Bytes16 v = bytes16::load(p);
  // '\t', '\n', '\v', '\f' and '\r' are 9 to 13: one unsigned comparison covers them.
  const Bytes16 hits = equal_to(v, ' ') | mask(static_cast<Bytes16>(v - 9) < 5) |
                       equal_to(v, '\'') | equal_to(v, '"') | equal_to(v, escape);
  return first_hit(hits);
}

// BuildKit's parseWords, calling `emit(Range, quoted)` for each word.
template <typename Emit>
void for_each_raw_word(std::string_view s, char escape, Emit&& emit) {
  // The escape directive allows only these two escape characters.
  const std::array<CharClass, 256>& cls = (escape == '`' ? kBacktickClasses : kBackslashClasses).of;
  const auto class_at = [&](std::size_t i) { return cls[static_cast<unsigned char>(s[i])]; };
  const Bytes16 escape16 = splat(escape);
  const std::size_t n = s.size();
  std::size_t pos = 0;
  while (pos < n) {
    while (pos < n && class_at(pos) == CharClass::space) ++pos;
    if (pos >= n) break;
    const std::size_t begin = pos;
    bool quoted = false;
    while (pos < n) {
      // Ordinary bytes 16 at a time (perf: this runs over every byte of every RUN script).
      if (pos + 16 <= n) {
        const std::size_t ordinary = first_stop(s.data() + pos, escape16);
        pos += ordinary;
        if (ordinary == 16) continue;
      }
      const CharClass c = class_at(pos);
      if (c == CharClass::ordinary) {
        ++pos;
        continue;
      }
      if (c == CharClass::space) break;
      quoted = true;
      if (c == CharClass::quote) {
        pos = skip_quoted(s, pos, escape);
      } else {
        pos = pos + 1 < n ? pos + 2 : pos + 1;  // the escape character and what it escapes
      }
    }
    emit(Range{u32(begin), u32(pos)}, quoted);
  }
}

}  // namespace

std::vector<Range> split_raw_words(std::string_view s, char escape) {
  std::vector<Range> words;
  split_raw_words(s, escape, words);
  return words;
}

void split_raw_words(std::string_view s, char escape, std::vector<Range>& words) {
  words.clear();
  for_each_raw_word(s, escape, [&words](Range r, bool) { words.push_back(r); });
}

void split_raw_words(std::string_view s, char escape, std::vector<RawWord>& words) {
  words.clear();
  for_each_raw_word(s, escape, [&words](Range r, bool quoted) { words.push_back({r, quoted}); });
}

std::uint32_t extract_flags(std::string_view s, std::uint32_t start, std::vector<RawFlag>& out) {
  std::size_t pos = start;
  for (;;) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos + 1 >= s.size() || s[pos] != '-' || s[pos + 1] != '-') return u32(pos);
    const std::size_t begin = pos;
    std::string word;
    while (pos < s.size() && !is_space(s[pos])) {
      const char c = s[pos];
      if (c == '\'' || c == '"') {
        ++pos;
        while (pos < s.size() && s[pos] != c) {
          if (s[pos] == '\\' && pos + 1 < s.size()) ++pos;
          word += s[pos++];
        }
        if (pos < s.size()) ++pos;
      } else if (c == '\\') {
        if (++pos < s.size()) word += s[pos++];
      } else {
        word += c;
        ++pos;
      }
    }
    if (word == "--") return u32(pos);
    out.push_back({{u32(begin), u32(pos)}, std::move(word)});
  }
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A strict JSON reader (RFC 8259, as Go's encoding/json accepts it), bounded in depth so deeply
// nested input cannot exhaust the stack.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  JsonArray array(std::vector<JsonString>& out) {
    skip_ws();
    if (!eat('[')) return JsonArray::not_json;
    bool only_strings = true;
    skip_ws();
    if (eat(']')) return JsonArray::strings;
    for (;;) {
      skip_ws();
      if (peek() == '"') {
        JsonString str;
        str.literal.begin = u32(pos_);
        if (!string(&str)) return JsonArray::not_json;
        str.literal.end = u32(pos_);
        out.push_back(std::move(str));
      } else {
        if (!value(1)) return JsonArray::not_json;
        only_strings = false;
      }
      skip_ws();
      if (eat(']')) break;
      if (!eat(',')) return JsonArray::not_json;
    }
    return only_strings ? JsonArray::strings : JsonArray::not_strings;
  }

 private:
  static constexpr unsigned kMaxDepth = 512;

  [[nodiscard]] char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool digits() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
      // no leading zeros
    } else if (!digits()) {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  bool value(unsigned depth) {
    if (depth > kMaxDepth) return false;
    skip_ws();
    switch (peek()) {
      case '"':
        return string(nullptr);
      case '[':
        return container(']', depth);
      case '{':
        return container('}', depth);
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }
  bool container(char close, unsigned depth) {
    ++pos_;
    skip_ws();
    if (eat(close)) return true;
    for (;;) {
      if (close == '}') {
        skip_ws();
        if (peek() != '"' || !string(nullptr)) return false;
        skip_ws();
        if (!eat(':')) return false;
      }
      if (!value(depth + 1)) return false;
      skip_ws();
      if (eat(close)) return true;
      if (!eat(',')) return false;
    }
  }
  bool hex4(std::uint32_t& cp) {
    if (pos_ + 4 > s_.size()) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = hex_digit(s_[pos_ + static_cast<std::size_t>(i)]);
      if (d < 0) return false;
      cp = cp * 16 + static_cast<std::uint32_t>(d);
    }
    pos_ += 4;
    return true;
  }
  bool unicode_escape(std::string* out) {
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(pos_, 2) == "\\u") {
      const std::size_t save = pos_;
      pos_ += 2;
      std::uint32_t low = 0;
      if (hex4(low) && low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      } else {
        pos_ = save;
        cp = 0xFFFD;
      }
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate, as Go decodes it
    }
    if (out) append_utf8(*out, cp);
    return true;
  }
  // Reads a string literal; fills `out` (value and exactness) when given.
  bool string(JsonString* out) {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        if (out) out->value += c;
        continue;
      }
      if (out) out->exact = false;
      if (pos_ >= s_.size()) return false;
      const char e = s_[pos_++];
      char decoded = 0;
      switch (e) {
        case '"':
          decoded = '"';
          break;
        case '\\':
          decoded = '\\';
          break;
        case '/':
          decoded = '/';
          break;
        case 'b':
          decoded = '\b';
          break;
        case 'f':
          decoded = '\f';
          break;
        case 'n':
          decoded = '\n';
          break;
        case 'r':
          decoded = '\r';
          break;
        case 't':
          decoded = '\t';
          break;
        case 'u':
          if (!unicode_escape(out ? &out->value : nullptr)) return false;
          continue;
        default:
          return false;
      }
      if (out) out->value += decoded;
    }
    return false;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

JsonArray parse_json_array(std::string_view s, std::vector<JsonString>& out) {
  out.clear();
  const JsonArray result = JsonReader(s).array(out);
  if (result != JsonArray::strings) out.clear();
  return result;
}

}  // namespace lintel::parsers::dockerfile
