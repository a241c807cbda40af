// Stage 1 of the secrets scanner: an Aho-Corasick automaton over ASCII-case-folded bytes that
// finds every occurrence of a set of keywords in one pass over a buffer (gitleaks and trufflehog
// prefilter the same way). The automaton is a dense DFA over byte classes: bytes that occur in
// no keyword share class 0, so the table stays small (states x classes) and each input byte
// costs one table lookup.
//
// Speed (this loop reads every byte of every file):
// - A state is stored premultiplied by the class count, so the next state is one add and one
//   load, no multiply, and entries are 16-bit (the whole table of the scanner's keywords is
//   about 40 KB).
// - States are numbered so that every state with an output comes after every state without
//   one: "did a keyword end here" is a comparison with a constant, not another load.
// - The byte loop lives in a function of its own with nothing else in registers; the caller's
//   handler runs only at hits.
// - The scanner's automaton is built at compile time (`constexpr`, from its constant keyword
//   list): a process scanning one small file builds nothing and touches few pages.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::parsers::secrets {

// The automaton in growable vectors: built by build_automaton, at compile time or at run time.
struct Automaton {
  std::array<std::uint8_t, 256> byte_class{};
  std::uint32_t classes = 1;
  std::uint32_t states = 0;
  std::uint32_t first_output = 0;     // premultiplied: states from here on have outputs
  std::vector<std::uint16_t> delta;   // premultiplied state + class -> premultiplied state
  std::vector<std::uint16_t> out_begin;  // per state (not premultiplied), into out (states + 1)
  std::vector<std::uint16_t> out;        // keyword indices, longest keyword first per state
  std::vector<std::uint16_t> lengths;    // per keyword
};

namespace detail {

constexpr unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

}  // namespace detail

// Keywords are matched case-insensitively (ASCII); each must be non-empty. Throws
// std::length_error when the automaton is too large for 16-bit entries (65,535 cells).
constexpr Automaton build_automaton(std::span<const std::string_view> keywords) {
  Automaton a;
  // Byte classes: one per distinct (folded) keyword byte, upper and lower case sharing it.
  for (const std::string_view k : keywords) {
    for (const char ch : k) {
      const unsigned char c = detail::fold(static_cast<unsigned char>(ch));
      if (a.byte_class[c] != 0) continue;
      a.byte_class[c] = static_cast<std::uint8_t>(a.classes++);
      if (c >= 'a' && c <= 'z') a.byte_class[c - 'a' + 'A'] = a.byte_class[c];
    }
  }
  const std::uint32_t classes = a.classes;
  // The trie, -1 for a missing edge, one flat table: state * classes + class.
  std::vector<std::int32_t> trie(classes, -1);
  std::vector<std::vector<std::uint16_t>> outputs(1);
  for (std::size_t i = 0; i < keywords.size(); ++i) {
    std::uint32_t s = 0;
    for (const char ch : keywords[i]) {
      const std::uint8_t c = a.byte_class[static_cast<unsigned char>(ch)];
      if (trie[s * classes + c] < 0) {
        trie[s * classes + c] = static_cast<std::int32_t>(outputs.size());
        trie.resize(trie.size() + classes, -1);
        outputs.emplace_back();
      }
      s = static_cast<std::uint32_t>(trie[s * classes + c]);
    }
    outputs[s].push_back(static_cast<std::uint16_t>(i));
    a.lengths.push_back(static_cast<std::uint16_t>(keywords[i].size()));
  }
  // Breadth-first: failure links, complete transitions and inherited outputs (trie numbering).
  const std::size_t states = outputs.size();
  if (states * classes > 65535) throw std::length_error("keyword automaton too large");
  std::vector<std::uint32_t> fail(states, 0);
  std::vector<std::uint32_t> next(states * classes, 0);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t c = 0; c < classes; ++c) {
    if (trie[c] > 0) {
      next[c] = static_cast<std::uint32_t>(trie[c]);
      queue.push_back(next[c]);
    }
  }
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const std::uint32_t s = queue[q];
    const std::vector<std::uint16_t> inherited = outputs[fail[s]];
    outputs[s].insert(outputs[s].end(), inherited.begin(), inherited.end());
    for (std::uint32_t c = 0; c < classes; ++c) {
      if (trie[s * classes + c] >= 0) {
        const auto t = static_cast<std::uint32_t>(trie[s * classes + c]);
        fail[t] = next[fail[s] * classes + c];
        next[s * classes + c] = t;
        queue.push_back(t);
      } else {
        next[s * classes + c] = next[fail[s] * classes + c];
      }
    }
  }
  // Renumber: states without outputs first (in trie order, so the root stays 0), then the rest.
  std::vector<std::uint32_t> order;  // new number -> trie number
  for (std::uint32_t s = 0; s < states; ++s)
    if (outputs[s].empty()) order.push_back(s);
  a.first_output = static_cast<std::uint32_t>(order.size()) * classes;
  for (std::uint32_t s = 0; s < states; ++s)
    if (!outputs[s].empty()) order.push_back(s);
  std::vector<std::uint32_t> renamed(states, 0);
  for (std::uint32_t n = 0; n < states; ++n) renamed[order[n]] = n;
  a.states = static_cast<std::uint32_t>(states);
  a.delta.assign(states * classes, 0);
  for (std::uint32_t n = 0; n < states; ++n)
    for (std::uint32_t c = 0; c < classes; ++c)
      a.delta[n * classes + c] =
          static_cast<std::uint16_t>(renamed[next[order[n] * classes + c]] * classes);
  for (std::uint32_t n = 0; n < states; ++n) {
    std::vector<std::uint16_t> o = outputs[order[n]];
    std::sort(o.begin(), o.end(), [&](std::uint16_t x, std::uint16_t y) {
      return a.lengths[x] > a.lengths[y] || (a.lengths[x] == a.lengths[y] && x < y);
    });
    o.erase(std::unique(o.begin(), o.end()), o.end());
    a.out_begin.push_back(static_cast<std::uint16_t>(a.out.size()));
    a.out.insert(a.out.end(), o.begin(), o.end());
  }
  a.out_begin.push_back(static_cast<std::uint16_t>(a.out.size()));
  return a;
}

// An automaton's sizes, to size the arrays of one built at compile time.
struct AutomatonSizes {
  std::size_t delta, out_begin, out, lengths;
};
constexpr AutomatonSizes automaton_sizes(std::span<const std::string_view> keywords) {
  const Automaton a = build_automaton(keywords);
  return {a.delta.size(), a.out_begin.size(), a.out.size(), a.lengths.size()};
}

// The tables of an automaton built at compile time, in fixed arrays (read-only data).
template <AutomatonSizes N>
struct FixedAutomaton {
  std::array<std::uint8_t, 256> byte_class{};
  std::uint32_t classes = 1;
  std::uint32_t first_output = 0;
  std::array<std::uint16_t, N.delta> delta{};
  std::array<std::uint16_t, N.out_begin> out_begin{};
  std::array<std::uint16_t, N.out> out{};
  std::array<std::uint16_t, N.lengths> lengths{};
};
template <AutomatonSizes N>
constexpr FixedAutomaton<N> fix_automaton(std::span<const std::string_view> keywords) {
  const Automaton a = build_automaton(keywords);
  FixedAutomaton<N> f;
  f.byte_class = a.byte_class;
  f.classes = a.classes;
  f.first_output = a.first_output;
  std::copy(a.delta.begin(), a.delta.end(), f.delta.begin());
  std::copy(a.out_begin.begin(), a.out_begin.end(), f.out_begin.begin());
  std::copy(a.out.begin(), a.out.end(), f.out.begin());
  std::copy(a.lengths.begin(), a.lengths.end(), f.lengths.begin());
  return f;
}

class KeywordMatcher {
 public:
  // Builds the automaton at run time (tests, ad-hoc keyword sets).
  explicit KeywordMatcher(const std::vector<std::string>& keywords);
  KeywordMatcher(const KeywordMatcher&) = delete;  // the views may point into owned_
  KeywordMatcher& operator=(const KeywordMatcher&) = delete;
  // Reads an automaton built at compile time; `f` must outlive the matcher.
  template <AutomatonSizes N>
  explicit constexpr KeywordMatcher(const FixedAutomaton<N>& f)
      : byte_class_(f.byte_class.data()), classes_(f.classes), first_output_(f.first_output),
        delta_(f.delta), out_begin_(f.out_begin), out_(f.out), lengths_(f.lengths),
        max_length_(*std::max_element(f.lengths.begin(), f.lengths.end())) {}

  // Calls `on_hit(keyword_index, end)` for every occurrence, in order of `end` (the offset one
  // past the keyword's last byte); several keywords ending at one offset come longest first.
  template <class OnHit>
  void scan(std::string_view text, OnHit&& on_hit) const {
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    if (n >= kTwoStreamsFrom) {
      scan_halves(data, n, on_hit);
      return;
    }
    std::uint32_t state = 0;
    for (std::size_t i = advance(data, n, 0, state); i < n; i = advance(data, n, i + 1, state)) {
      const std::uint32_t s = state / classes_;
      for (std::uint32_t k = out_begin_[s]; k < out_begin_[s + 1]; ++k)
        on_hit(std::uint32_t{out_[k]}, static_cast<std::uint32_t>(i + 1));
    }
  }

  // Texts from this size on are scanned as two halves at once (tests use it to reach both).
  static constexpr std::size_t kTwoStreamsFrom = 4096;

  [[nodiscard]] std::size_t keyword_length(std::uint32_t index) const { return lengths_[index]; }
  [[nodiscard]] std::size_t state_count() const { return out_begin_.size() - 1; }

 private:
  // From byte `i` on, the offset of the first byte after which the automaton is in a state with
  // outputs (`state` is then that state), or `n`.
  std::size_t advance(const unsigned char* data, std::size_t n, std::size_t i,
                      std::uint32_t& state) const;

  // A state with outputs, reached after the byte before `end`.
  struct Hit {
    std::uint32_t end;
    std::uint32_t state;  // premultiplied
  };
  // The byte loop is bound by the latency of one table lookup after another: two independent
  // lookups per iteration, one in each half of the text, run in about the time of one (perf).
  // The first half runs on past the middle by the longest keyword less one byte, and keeps only
  // the keywords that start before the middle; the second keeps the rest. Fills `first` and
  // `second` in order of end.
  void scan_two_streams(const unsigned char* data, std::size_t n, std::vector<Hit>& first,
                        std::vector<Hit>& second) const;

  template <class OnHit>
  void scan_halves(const unsigned char* data, std::size_t n, OnHit& on_hit) const {
    std::vector<Hit> first;
    std::vector<Hit> second;
    scan_two_streams(data, n, first, second);
    const std::size_t mid = n / 2;
    const auto report = [&](const Hit& h, bool from_first) {
      const std::uint32_t s = h.state / classes_;
      for (std::uint32_t k = out_begin_[s]; k < out_begin_[s + 1]; ++k) {
        if (from_first && h.end - lengths_[out_[k]] >= mid) continue;  // the second half's
        on_hit(std::uint32_t{out_[k]}, h.end);
      }
    };
    // Merged by end; at one end the first half's keywords (starting before the middle) are the
    // longer ones.
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < first.size() || b < second.size()) {
      if (b == second.size() || (a < first.size() && first[a].end <= second[b].end)) {
        report(first[a++], true);
      } else {
        report(second[b++], false);
      }
    }
  }

  Automaton owned_;  // empty when reading a compile-time automaton
  const std::uint8_t* byte_class_;
  std::uint32_t classes_;
  std::uint32_t first_output_;
  std::span<const std::uint16_t> delta_;
  std::span<const std::uint16_t> out_begin_;
  std::span<const std::uint16_t> out_;
  std::span<const std::uint16_t> lengths_;
  std::size_t max_length_ = 1;
};

}  // namespace lintel::parsers::secrets
