// Stage 1 of the secrets scanner: an Aho-Corasick automaton over ASCII-case-folded bytes that
// finds every occurrence of a set of keywords in one pass over a buffer (gitleaks and trufflehog
// prefilter the same way). The automaton is a dense DFA over byte classes: bytes that occur in
// no keyword share class 0, so the table stays small (states x classes) and each input byte
// costs one table lookup.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::parsers::secrets {

class KeywordMatcher {
 public:
  // Keywords are matched case-insensitively (ASCII); each must be non-empty.
  explicit KeywordMatcher(const std::vector<std::string>& keywords);

  // Calls `on_hit(keyword_index, end)` for every occurrence, in order of `end` (the offset one
  // past the keyword's last byte); several keywords ending at one offset come longest first.
  template <class OnHit>
  void scan(std::string_view text, OnHit&& on_hit) const {
    std::uint32_t state = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
      state = delta_[state * classes_ + byte_class_[data[i]]];
      if (out_begin_[state] == out_begin_[state + 1]) continue;
      for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k)
        on_hit(out_[k], static_cast<std::uint32_t>(i + 1));
    }
  }

  [[nodiscard]] std::size_t keyword_length(std::uint32_t index) const { return lengths_[index]; }
  [[nodiscard]] std::size_t state_count() const { return out_begin_.size() - 1; }

 private:
  std::uint32_t classes_ = 1;
  std::uint8_t byte_class_[256] = {};
  std::vector<std::uint32_t> delta_;      // state * classes_ + class -> state
  std::vector<std::uint32_t> out_begin_;  // per state, into out_ (size states + 1)
  std::vector<std::uint32_t> out_;        // keyword indices
  std::vector<std::uint32_t> lengths_;
};

}  // namespace lintel::parsers::secrets
