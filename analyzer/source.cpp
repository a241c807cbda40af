#include "analyzer/source.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

namespace lintel {

LineIndex::LineIndex(std::string_view text) {
  const auto n = static_cast<std::uint32_t>(text.size());
  if (text.find('\r') == std::string_view::npos) {
    // Nearly every file: only LF ends lines, and memchr finds them far faster than a byte loop
    // (perf: this index is built for every file read, a tenth of a secrets-only scan).
    const char* const begin = text.data();
    const char* const end = begin + n;
    for (const char* p = begin; p < end;) {
      const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (nl == nullptr) break;
      line_starts_.push_back(static_cast<std::uint32_t>(nl - begin + 1));
      p = nl + 1;
    }
    return;
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < n && text[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    }
  }
}

Position LineIndex::position(std::string_view text, std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  std::uint32_t column = 1;
  // A UTF-8 byte order mark is not a character of line 1: editors show what follows at column 1.
  const bool bom = start == 0 && text.starts_with("\xEF\xBB\xBF") && offset >= 3;
  for (std::uint32_t i = bom ? 3 : start; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

std::uint32_t LineIndex::line_start(std::uint32_t line) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return line_starts_.back();
  return line_starts_[line - 1];
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

SourceFile::~SourceFile() { delete index_.load(std::memory_order_acquire); }

SourceFile::SourceFile(const SourceFile& other) : path_(other.path_), text_(other.text_) {}

SourceFile::SourceFile(SourceFile&& other) noexcept
    : path_(std::move(other.path_)), text_(std::move(other.text_)) {
  // The index holds offsets, not pointers: it stays valid for the moved text.
  index_.store(other.index_.exchange(nullptr, std::memory_order_acq_rel), std::memory_order_release);
}

SourceFile& SourceFile::operator=(const SourceFile& other) {
  if (this != &other) {
    path_ = other.path_;
    text_ = other.text_;
    delete index_.exchange(nullptr, std::memory_order_acq_rel);
  }
  return *this;
}

SourceFile& SourceFile::operator=(SourceFile&& other) noexcept {
  if (this != &other) {
    path_ = std::move(other.path_);
    text_ = std::move(other.text_);
    delete index_.exchange(other.index_.exchange(nullptr, std::memory_order_acq_rel),
                           std::memory_order_acq_rel);
  }
  return *this;
}

const LineIndex& SourceFile::lines() const {
  if (const LineIndex* built = index_.load(std::memory_order_acquire)) return *built;
  auto fresh = std::make_unique<const LineIndex>(text_);
  const LineIndex* expected = nullptr;
  if (index_.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel))
    return *fresh.release();
  return *expected;  // another thread built it first
}

std::string_view SourceFile::slice(Span span) const {
  const auto size = static_cast<std::uint32_t>(text_.size());
  const std::uint32_t b = std::min(span.begin, size);
  const std::uint32_t e = std::clamp(span.end, b, size);
  return std::string_view(text_).substr(b, e - b);
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  const LineIndex& index = lines();
  const std::uint32_t b = index.line_start(line);
  std::uint32_t e = line < index.line_count() ? index.line_start(line + 1)
                                               : static_cast<std::uint32_t>(text_.size());
  while (e > b && (text_[e - 1] == '\n' || text_[e - 1] == '\r')) --e;
  return std::string_view(text_).substr(b, e - b);
}

}  // namespace lintel
