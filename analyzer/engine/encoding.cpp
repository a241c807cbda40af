#include "analyzer/engine/encoding.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace lintel::engine {

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

constexpr std::uint32_t kReplacement = 0xFFFD;

}  // namespace

std::optional<Decoded> decode_utf16_with_bom(std::string_view bytes) {
  if (bytes.size() < 2) return std::nullopt;
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
  bool little = false;
  if (byte(0) == 0xFF && byte(1) == 0xFE) {
    little = true;
    if (bytes.size() >= 4 && byte(2) == 0 && byte(3) == 0) return std::nullopt;  // UTF-32LE
  } else if (!(byte(0) == 0xFE && byte(1) == 0xFF)) {
    return std::nullopt;
  }
  const auto unit = [&](std::size_t i) {
    return little ? byte(i) | (byte(i + 1) << 8) : (byte(i) << 8) | byte(i + 1);
  };
  Decoded out;
  out.encoding = little ? "UTF-16LE" : "UTF-16BE";
  out.text.reserve(bytes.size() / 2 + bytes.size() / 4);
  std::size_t i = 2;
  for (; i + 1 < bytes.size(); i += 2) {
    const std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const std::uint32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(out.text, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out.text, u >= 0xD800 && u <= 0xDFFF ? kReplacement : u);
  }
  if (i < bytes.size()) append_utf8(out.text, kReplacement);  // odd trailing byte
  return out;
}

TextFile read_text_file(const std::string& path, std::uint64_t max_size) {
  TextFile out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    out.error = std::strerror(errno);
    return out;
  }
  // Most files are small: one read into a buffer here, and a short read is the whole file (a
  // regular file's read stops short only at its end). Nothing read (an empty file, or a FIFO
  // or device put in a file's place) or a full buffer (a larger file) is checked by fstat.
  char first[32768];
  const std::size_t cap = max_size < sizeof first ? static_cast<std::size_t>(max_size) + 1 : sizeof first;
  ssize_t got = 0;
  do {
    got = ::read(fd, first, cap);
  } while (got < 0 && errno == EINTR);
  struct stat st {};
  if (got < 0) {
    out.error = std::strerror(errno);
  } else if (got > 0 && static_cast<std::size_t>(got) < cap) {
    out.text.assign(first, static_cast<std::size_t>(got));
  } else if (::fstat(fd, &st) != 0) {
    out.error = std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    out.error = "not a regular file";
  } else if (static_cast<std::uint64_t>(st.st_size) > max_size) {
    out.too_large = static_cast<std::uint64_t>(st.st_size);
  } else if (got == 0 && st.st_size == 0) {
    // empty: the read above already returned its end
  } else {
    const auto expected = std::max(static_cast<std::size_t>(st.st_size), static_cast<std::size_t>(got));
    std::size_t have = static_cast<std::size_t>(got);
    out.text.resize(expected + 1);
    std::memcpy(out.text.data(), first, have);
    for (;;) {
      if (have == out.text.size()) out.text.resize(out.text.size() * 2);  // it grew
      const std::size_t want = out.text.size() - have;
      const ssize_t n = ::read(fd, out.text.data() + have, want);
      if (n > 0) {
        have += static_cast<std::size_t>(n);
        // A short read at the size fstat gave is the end: no read of 0 bytes to confirm it.
        if (static_cast<std::size_t>(n) < want && have == expected) break;
      } else if (n == 0) {
        break;
      } else if (errno != EINTR) {
        out.error = std::strerror(errno);
        break;
      }
    }
    out.text.resize(have);
  }
  ::close(fd);
  if (!out.error.empty()) {
    out.text.clear();
  } else if (auto decoded = decode_utf16_with_bom(out.text)) {
    out.text = std::move(decoded->text);
  }
  return out;
}

}  // namespace lintel::engine
