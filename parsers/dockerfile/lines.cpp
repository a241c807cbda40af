#include "parsers/dockerfile/lines.hpp"

#include <algorithm>

namespace lintel::parsers::dockerfile {

bool LineReader::next(PhysicalLine& line) {
  const auto size = static_cast<std::uint32_t>(text_.size());
  if (pos_ >= size) return false;
  line.begin = pos_;
  const std::size_t nl = text_.find('\n', pos_);
  line.end = nl == std::string_view::npos ? size : static_cast<std::uint32_t>(nl + 1);
  // The line holds no '\n' before `nl`: only the CRs before it are left to drop.
  std::uint32_t e = nl == std::string_view::npos ? size : static_cast<std::uint32_t>(nl);
  while (e > line.begin && text_[e - 1] == '\r') --e;
  line.content_end = e;
  pos_ = line.end;
  return true;
}

std::uint32_t skip_spaces(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  while (begin < end && is_space(text[begin])) ++begin;
  return begin;
}

bool is_comment_or_blank_line(std::string_view text, const PhysicalLine& line) {
  const std::uint32_t first = skip_spaces(text, line.begin, line.content_end);
  return first == line.content_end || text[first] == '#';
}

ContinuationCut cut_continuation(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                 char escape) {
  std::uint32_t i = end;
  while (i > begin && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  if (i == begin || text[i - 1] != escape) return {end, false};
  const std::uint32_t esc = i - 1;
  // BuildKit's `([^\\])\\[ \t]*$|^\\[ \t]*$`: an escaped escape character does not continue.
  if (esc > begin && text[esc - 1] == escape) return {end, false};
  return {esc, true};
}

void LogicalLine::reset(std::uint32_t origin) {
  text_ = {};
  owned_.clear();
  segments_.clear();
  joins_.clear();
  origin_ = origin;
}

void LogicalLine::append(std::string_view piece, std::uint32_t source_begin) {
  if (piece.empty()) return;
  segments_.push_back({static_cast<std::uint32_t>(text_.size()), source_begin,
                       static_cast<std::uint32_t>(piece.size())});
  if (segments_.size() == 1) {
    text_ = piece;
    return;
  }
  if (segments_.size() == 2) owned_.assign(text_);
  owned_.append(piece);
  text_ = owned_;
}

std::uint32_t LogicalLine::source_at(std::uint32_t pos) const {
  if (segments_.empty()) return origin_;
  if (segments_.size() == 1) return offset_in(segments_[0], pos);
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](std::uint32_t p, const Segment& s) { return p < s.logical; });
  if (it == segments_.begin()) return segments_.front().source;
  return offset_in(*(it - 1), pos);
}

Span LogicalLine::source_span(std::uint32_t begin, std::uint32_t end) const {
  if (end <= begin) {
    const std::uint32_t at = source_at(begin);
    return {at, at};
  }
  return {source_at(begin), source_at(end - 1) + 1};
}

LogicalLine::Cursor::Cursor(const LogicalLine& line) : segments_(line.segments_) {
  constexpr std::uint32_t kNone = ~std::uint32_t{0};
  if (segments_.empty()) {
    current_ = {0, line.origin_, 0};  // every offset maps to the origin, as in source_at()
    next_ = kNone;
    return;
  }
  current_ = segments_[0];
  next_ = segments_.size() > 1 ? segments_[1].logical : kNone;
}

std::uint32_t LogicalLine::Cursor::at(std::uint32_t pos) {
  // The first segment starts at logical 0, so the segment holding `pos` is the last one that
  // starts at or before it, as in source_at().
  while (pos >= next_) {
    current_ = segments_[++index_];
    next_ = index_ + 1 < segments_.size() ? segments_[index_ + 1].logical : ~std::uint32_t{0};
  }
  return offset_in(current_, pos);
}

Span LogicalLine::Cursor::span(std::uint32_t begin, std::uint32_t end) {
  if (end <= begin) {
    const std::uint32_t at_begin = at(begin);
    return {at_begin, at_begin};
  }
  const std::uint32_t first = at(begin);
  return {first, at(end - 1) + 1};
}

}  // namespace lintel::parsers::dockerfile
