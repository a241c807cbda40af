// SourceFile owns a file's bytes; Span is a half-open byte range into them; LineIndex turns a
// byte offset into a 1-based line and a 1-based column counted in Unicode code points, the
// column kind lintel declares in SARIF. Positions are computed only when output is produced.
#pragma once

#include <atomic>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lintel {

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  [[nodiscard]] constexpr std::uint32_t size() const { return end - begin; }
  [[nodiscard]] constexpr bool empty() const { return end == begin; }
  [[nodiscard]] constexpr bool contains(const Span& other) const {
    return begin <= other.begin && other.end <= end;
  }
  // The smallest span covering both.
  [[nodiscard]] constexpr Span cover(const Span& other) const {
    return {begin < other.begin ? begin : other.begin, end > other.end ? end : other.end};
  }
  auto operator<=>(const Span&) const = default;
};

// A value read from a file, with the span it was read from.
template <class T>
struct Scalar {
  T value{};
  Span span{};
  auto operator<=>(const Scalar&) const = default;
};

struct Position {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in code points
  auto operator<=>(const Position&) const = default;
};

class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  // Offsets past the end clamp to the end. A CR LF pair ends one line; a lone CR ends a line too.
  [[nodiscard]] Position position(std::string_view text, std::uint32_t offset) const;
  [[nodiscard]] std::uint32_t line_count() const {
    return static_cast<std::uint32_t>(line_starts_.size());
  }
  // Byte offset where 1-based `line` starts.
  [[nodiscard]] std::uint32_t line_start(std::uint32_t line) const;

 private:
  std::vector<std::uint32_t> line_starts_{0};
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  ~SourceFile();
  SourceFile(const SourceFile& other);
  SourceFile(SourceFile&& other) noexcept;
  SourceFile& operator=(const SourceFile& other);
  SourceFile& operator=(SourceFile&& other) noexcept;

  // The path as lintel reports it: relative to the working directory, with '/' separators.
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] std::string_view slice(Span span) const;
  [[nodiscard]] Position position(std::uint32_t offset) const {
    return lines().position(text_, offset);
  }
  // Built on first use, by whichever thread asks first (perf: most files of a secrets-only
  // scan report nothing and never need a position).
  [[nodiscard]] const LineIndex& lines() const;
  // The text of 1-based `line`, without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  mutable std::atomic<const LineIndex*> index_{nullptr};
};

}  // namespace lintel
