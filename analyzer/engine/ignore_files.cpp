#include "analyzer/engine/ignore_files.hpp"

#include <fnmatch.h>

namespace lintel::engine {

namespace {

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto slash = s.find('/', start);
    const auto end = slash == std::string_view::npos ? s.size() : slash;
    if (end > start) out.emplace_back(s.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool match_segments(const std::vector<std::string>& pat, std::size_t pi,
                    const std::vector<std::string>& path, std::size_t si) {
  if (pi == pat.size()) return si == path.size();
  if (pat[pi] == "**") {
    for (std::size_t k = si; k <= path.size(); ++k)
      if (match_segments(pat, pi + 1, path, k)) return true;
    return false;
  }
  if (si == path.size()) return false;
  if (::fnmatch(pat[pi].c_str(), path[si].c_str(), 0) != 0) return false;
  return match_segments(pat, pi + 1, path, si + 1);
}

// Splits a pattern into its anchored segments; sets `dir_only`.
std::vector<std::string> compile(std::string_view pattern, bool& dir_only) {
  dir_only = pattern.ends_with('/');
  while (pattern.ends_with('/')) pattern.remove_suffix(1);
  const bool anchored = pattern.find('/') != std::string_view::npos;
  while (pattern.starts_with('/')) pattern.remove_prefix(1);
  std::vector<std::string> segs = split(pattern);
  if (!anchored) segs.insert(segs.begin(), "**");
  return segs;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  bool dir_only = false;
  const std::vector<std::string> pat = compile(pattern, dir_only);
  if (pat.empty()) return false;
  const std::vector<std::string> segs = split(path);
  std::vector<std::string> prefix;
  for (std::size_t k = 0; k < segs.size(); ++k) {
    prefix.push_back(segs[k]);
    const bool is_file = k + 1 == segs.size();
    if (is_file && dir_only) break;
    if (match_segments(pat, 0, prefix, 0)) return true;
  }
  return false;
}

IgnoreFile::IgnoreFile(std::string base, std::string_view text) : base_(std::move(base)) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t') &&
           !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    Pattern p;
    if (line.front() == '!') {
      p.negate = true;
      line.remove_prefix(1);
    } else if (line.starts_with("\\#") || line.starts_with("\\!")) {
      line.remove_prefix(1);
    }
    p.segments = compile(line, p.dir_only);
    if (p.segments.empty()) continue;
    patterns_.push_back(std::move(p));
  }
}

IgnoreFile::Verdict IgnoreFile::match(std::string_view relative, bool is_dir) const {
  const std::vector<std::string> segs = split(relative);
  Verdict v = Verdict::none;
  for (const Pattern& p : patterns_) {
    if (p.dir_only && !is_dir) continue;
    if (match_segments(p.segments, 0, segs, 0)) v = p.negate ? Verdict::included : Verdict::ignored;
  }
  return v;
}

}  // namespace lintel::engine
