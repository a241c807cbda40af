// Physical and logical lines of a Dockerfile, as BuildKit's parser reads them
// (moby/buildkit frontend/dockerfile/parser/parser.go):
// - lines end at '\n' only; trailing CR characters are dropped, a lone CR inside a line is data;
// - a line continues when it ends with the escape character plus optional spaces or tabs, unless
//   that escape character is itself escaped (`foo \\` does not continue);
// - inside a continuation, comment lines and whitespace-only lines are dropped, and the next line
//   is appended as is (no separator, leading whitespace kept).
// A LogicalLine keeps the joined text and a map back to source offsets, so every token found in
// the joined text gets an exact source span.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::parsers::dockerfile {

// Whitespace as BuildKit's `[\t\v\f\r ]` (and '\n', which never occurs inside a line).
[[nodiscard]] constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

struct PhysicalLine {
  std::uint32_t begin = 0;
  std::uint32_t content_end = 0;  // before the trailing CR/LF characters
  std::uint32_t end = 0;          // past the '\n', or the end of the file
};

class LineReader {
 public:
  LineReader(std::string_view text, std::uint32_t start) : text_(text), pos_(start) {}

  // Reads the next line; false at the end of the file.
  bool next(PhysicalLine& line);
  [[nodiscard]] std::uint32_t position() const { return pos_; }

 private:
  std::string_view text_;
  std::uint32_t pos_;
};

// The first offset in [begin, end) that is not whitespace, or `end`.
[[nodiscard]] std::uint32_t skip_spaces(std::string_view text, std::uint32_t begin,
                                        std::uint32_t end);
// True when the line is blank or its first non-blank character is '#'.
[[nodiscard]] bool is_comment_or_blank_line(std::string_view text, const PhysicalLine& line);

// Where a line's content stops once a trailing line continuation is removed.
struct ContinuationCut {
  std::uint32_t content_end = 0;  // the escape character's offset when `continues`
  bool continues = false;
};
[[nodiscard]] ContinuationCut cut_continuation(std::string_view text, std::uint32_t begin,
                                               std::uint32_t end, char escape);

class LogicalLine {
 public:
  void reset(std::uint32_t origin);
  // `piece` must be a view into the source text, which must outlive the line: a line of one
  // piece keeps a view of it instead of a copy (perf: most instructions are one physical line).
  void append(std::string_view piece, std::uint32_t source_begin);
  // Records the source region that a continuation removed: from the escape character to the
  // start of the next line that was appended (dropped comment and blank lines included).
  void add_join(Span region) { joins_.push_back(region); }

  // The joined text; valid until the next reset() or append().
  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] const std::vector<Span>& joins() const { return joins_; }
  // The source offset of the logical offset `pos` (pos may equal text().size()).
  [[nodiscard]] std::uint32_t source_at(std::uint32_t pos) const;
  // The source span of the logical range [begin, end).
  [[nodiscard]] Span source_span(std::uint32_t begin, std::uint32_t end) const;

  struct Segment {
    std::uint32_t logical = 0;
    std::uint32_t source = 0;
    std::uint32_t size = 0;
  };

  // source_span() for ranges visited in increasing order (each range starting at or after the
  // previous one's end): a forward walk over the segments instead of a binary search per call.
  class Cursor {
   public:
    explicit Cursor(const LogicalLine& line);
    [[nodiscard]] Span span(std::uint32_t begin, std::uint32_t end);

   private:
    [[nodiscard]] std::uint32_t at(std::uint32_t pos);
    const std::vector<Segment>& segments_;
    std::size_t index_ = 0;      // of `current_` in segments_
    Segment current_;            // the segment holding the last offset asked for
    std::uint32_t next_ = 0;     // where the next segment starts (UINT32_MAX after the last)
  };
  [[nodiscard]] Cursor cursor() const { return Cursor(*this); }

 private:
  [[nodiscard]] static std::uint32_t offset_in(const Segment& seg, std::uint32_t pos) {
    return seg.source + std::min(pos - seg.logical, seg.size);
  }
  std::string_view text_;  // the single piece, or owned_
  std::string owned_;      // the joined text once there are two pieces
  std::vector<Segment> segments_;
  std::vector<Span> joins_;
  std::uint32_t origin_ = 0;
};

}  // namespace lintel::parsers::dockerfile
