// A report built in a string and handed to its stream 64 KiB at a time (perf: a stream insertion
// and a formatted temporary per value were most of a report's cost).
#pragma once

#include <charconv>
#include <cstdint>
#include <ostream>
#include <string>

namespace lintel::cli {

class ReportBuffer {
 public:
  explicit ReportBuffer(std::ostream& out) : out_(out) { text.reserve(kFlushAt + 4096); }
  ReportBuffer(const ReportBuffer&) = delete;
  ReportBuffer& operator=(const ReportBuffer&) = delete;
  ~ReportBuffer() { flush(); }

  // After each record: hands the text over once it is large enough.
  void maybe_flush() {
    if (text.size() >= kFlushAt) flush();
  }
  void flush() {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }

  std::string text;  // appended to directly

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  std::ostream& out_;
};

inline void append_number(std::string& out, std::uint32_t v) {
  char buf[12];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

}  // namespace lintel::cli
