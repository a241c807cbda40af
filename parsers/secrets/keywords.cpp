#include "parsers/secrets/keywords.hpp"

#include <algorithm>
#include <deque>

namespace lintel::parsers::secrets {

namespace {

unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<std::string>& keywords) {
  // Byte classes: one per distinct (folded) keyword byte, upper and lower case sharing it.
  for (const std::string& k : keywords) {
    for (char ch : k) {
      const unsigned char c = fold(static_cast<unsigned char>(ch));
      if (byte_class_[c] != 0) continue;
      byte_class_[c] = static_cast<std::uint8_t>(classes_++);
      if (c >= 'a' && c <= 'z') byte_class_[c - 'a' + 'A'] = byte_class_[c];
    }
  }
  // The trie, with -1 for a missing edge: one flat table, state * classes_ + class (perf: one
  // allocation instead of one per state, as this runs on the first scanned file of a process).
  std::vector<std::int32_t> trie(classes_, -1);
  const auto go = [&](std::uint32_t s, std::uint32_t c) -> std::int32_t& { return trie[s * classes_ + c]; };
  std::vector<std::vector<std::uint32_t>> outputs(1);
  for (std::uint32_t i = 0; i < keywords.size(); ++i) {
    std::uint32_t s = 0;
    for (char ch : keywords[i]) {
      const std::uint8_t c = byte_class_[static_cast<unsigned char>(ch)];
      if (go(s, c) < 0) {
        const auto next = static_cast<std::int32_t>(outputs.size());
        go(s, c) = next;
        trie.insert(trie.end(), classes_, -1);
        outputs.emplace_back();
      }
      s = static_cast<std::uint32_t>(go(s, c));
    }
    outputs[s].push_back(i);
    lengths_.push_back(static_cast<std::uint32_t>(keywords[i].size()));
  }
  // Breadth-first: failure links, complete transitions and inherited outputs.
  const std::size_t states = outputs.size();
  std::vector<std::uint32_t> fail(states, 0);
  delta_.assign(states * classes_, 0);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t c = 0; c < classes_; ++c) {
    if (go(0, c) > 0) {
      delta_[c] = static_cast<std::uint32_t>(go(0, c));
      queue.push_back(delta_[c]);
    }
  }
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    const auto& inherited = outputs[fail[s]];
    outputs[s].insert(outputs[s].end(), inherited.begin(), inherited.end());
    for (std::uint32_t c = 0; c < classes_; ++c) {
      if (go(s, c) >= 0) {
        const auto t = static_cast<std::uint32_t>(go(s, c));
        fail[t] = delta_[fail[s] * classes_ + c];
        delta_[s * classes_ + c] = t;
        queue.push_back(t);
      } else {
        delta_[s * classes_ + c] = delta_[fail[s] * classes_ + c];
      }
    }
  }
  out_begin_.reserve(states + 1);
  for (std::size_t s = 0; s < states; ++s) {
    auto& o = outputs[s];
    std::sort(o.begin(), o.end(),
              [&](std::uint32_t a, std::uint32_t b) { return lengths_[a] > lengths_[b] || (lengths_[a] == lengths_[b] && a < b); });
    o.erase(std::unique(o.begin(), o.end()), o.end());
    out_begin_.push_back(static_cast<std::uint32_t>(out_.size()));
    out_.insert(out_.end(), o.begin(), o.end());
  }
  out_begin_.push_back(static_cast<std::uint32_t>(out_.size()));
}

}  // namespace lintel::parsers::secrets
