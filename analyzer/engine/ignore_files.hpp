// Gitignore-style patterns: `exclude` and `[[per-path]]` globs of the config, and the
// `.gitignore` / `.lintelignore` files honoured while walking folders.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lintel::engine {

// Whether `path` ('/' separators, relative) or one of its parent folders matches `pattern`,
// with gitignore's syntax: `*` and `?` and `[a-z]` within one path segment, `**` for any number
// of segments, a pattern without an inner '/' matches at any depth, a leading '/' anchors it,
// and a trailing '/' matches folders only. `legacy/**`, `legacy/` and `legacy` all match
// `legacy/a/Dockerfile`.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view path);

// The patterns of one ignore file, relative to the folder that holds it.
class IgnoreFile {
 public:
  // Parses gitignore text: blank lines and `#` comments skipped, `!` negates, `\#` and `\!`
  // escape, trailing unescaped blanks trimmed.
  IgnoreFile(std::string base, std::string_view text);

  enum class Verdict { none, ignored, included };
  // The last pattern matching `relative` (to base()) decides.
  [[nodiscard]] Verdict match(std::string_view relative, bool is_dir) const;
  [[nodiscard]] const std::string& base() const { return base_; }

 private:
  struct Pattern {
    std::vector<std::string> segments;  // anchored form: a floating pattern starts with "**"
    bool negate = false;
    bool dir_only = false;
  };
  std::string base_;
  std::vector<Pattern> patterns_;
};

}  // namespace lintel::engine
