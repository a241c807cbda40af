#include "sarif/json_text.hpp"

#include <cstdint>
#include <cstring>

#include "analyzer/bytes16.hpp"

namespace lintel::sarif {

namespace {

// The length of the well-formed UTF-8 sequence starting at s[i] (Unicode Table 3-7, the set
// nlohmann's decoder accepts), or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const std::size_t left = s.size() - i;
  const auto cont = [&](std::size_t k, unsigned char lo, unsigned char hi) {
    return b(k) >= lo && b(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

template <class Json>
void append_value(std::string& out, const Json& j, std::size_t indent) {
  switch (j.type()) {
    case nlohmann::detail::value_t::object: {
      if (j.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ",\n";
        first = false;
        out.append(indent + 2, ' ');
        append_json_string(out, it.key());
        out += ": ";
        append_value(out, it.value(), indent + 2);
      }
      out += '\n';
      out.append(indent, ' ');
      out += '}';
      return;
    }
    case nlohmann::detail::value_t::array: {
      if (j.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      bool first = true;
      for (const auto& element : j) {
        if (!first) out += ",\n";
        first = false;
        out.append(indent + 2, ' ');
        append_value(out, element, indent + 2);
      }
      out += '\n';
      out.append(indent, ' ');
      out += ']';
      return;
    }
    case nlohmann::detail::value_t::string:
      append_json_string(out, j.template get_ref<const std::string&>());
      return;
    case nlohmann::detail::value_t::boolean:
      out += j.template get<bool>() ? "true" : "false";
      return;
    case nlohmann::detail::value_t::null:
      out += "null";
      return;
    case nlohmann::detail::value_t::number_integer:
      out += std::to_string(j.template get<std::int64_t>());
      return;
    case nlohmann::detail::value_t::number_unsigned:
      out += std::to_string(j.template get<std::uint64_t>());
      return;
    default:  // floats, binary, discarded: rare here, nlohmann's own formatting
      out += j.dump(2, ' ', false, Json::error_handler_t::replace);
      return;
  }
}

// Of 16 bytes, those that are not printable ASCII other than '"' and '\\' (a control character,
// a quote, a backslash or a UTF-8 byte).
bytes16::Bytes16 special_lanes(const char* p) {
  using bytes16::mask;
  const bytes16::Bytes16 v = bytes16::load(p);
  return mask(v < 0x20) | mask(v >= 0x80) | mask(v == '"') | mask(v == '\\');
}

}  // namespace

char* write_json_string(char* at, std::string_view s) {
  char* const start = at;
  *at++ = '"';
  std::size_t plain_from = 0;
  const auto flush = [&](std::size_t to) {
    std::memcpy(at, s.data() + plain_from, to - plain_from);
    at += to - plain_from;
  };
  const auto put2 = [&](char a, char b) {
    at[0] = a;
    at[1] = b;
    at += 2;
  };
  for (std::size_t i = 0; i < s.size();) {
    // 16 plain bytes at a time (perf: a byte loop was a third of a Dockerfile scan's SARIF log).
    if (i + 16 <= s.size()) {
      const std::size_t special = bytes16::first_hit(special_lanes(s.data() + i));
      i += special;
      if (special == 16) continue;
    } else if (s.size() >= 16) {
      // The last bytes, fewer than 16: the string's last 16, those before i looked at already
      // (perf: byte by byte, the tails of messages, paths and fingerprints were half the cost).
      const std::size_t last = s.size() - 16;
      const std::size_t special =
          bytes16::first_hit(bytes16::lanes_from(special_lanes(s.data() + last), i - last));
      if (special == 16) break;
      i = last + special;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(s, i);
      if (n == 0) {  // invalid UTF-8: nlohmann decides how much becomes U+FFFD
        const std::string text = nlohmann::json(std::string(s)).dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::memcpy(start, text.data(), text.size());
        return start + text.size();
      }
      i += n;
      continue;
    }
    flush(i);
    plain_from = i + 1;
    switch (c) {
      case '"': put2('\\', '"'); break;
      case '\\': put2('\\', '\\'); break;
      case '\b': put2('\\', 'b'); break;
      case '\t': put2('\\', 't'); break;
      case '\n': put2('\\', 'n'); break;
      case '\f': put2('\\', 'f'); break;
      case '\r': put2('\\', 'r'); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        put2('\\', 'u');
        put2('0', '0');
        put2(kHex[c >> 4], kHex[c & 0xF]);
      }
    }
    ++i;
  }
  flush(s.size());
  *at++ = '"';
  return at;
}

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t size = out.size();
  out.resize(size + json_string_bound(s.size()));
  char* const end = write_json_string(out.data() + size, s);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void append_pretty(std::string& out, const nlohmann::ordered_json& j, std::size_t indent) {
  append_value(out, j, indent);
}
void append_pretty(std::string& out, const nlohmann::json& j, std::size_t indent) {
  append_value(out, j, indent);
}

std::string dump_pretty(const nlohmann::ordered_json& j) {
  std::string out;
  append_value(out, j, 0);
  return out;
}
std::string dump_pretty(const nlohmann::json& j) {
  std::string out;
  append_value(out, j, 0);
  return out;
}

}  // namespace lintel::sarif
