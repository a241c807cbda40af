#include "parsers/secrets/keywords.hpp"

#include <algorithm>

namespace lintel::parsers::secrets {

namespace {

Automaton build_owned(const std::vector<std::string>& keywords) {
  const std::vector<std::string_view> views(keywords.begin(), keywords.end());
  return build_automaton(views);
}

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<std::string>& keywords)
    : owned_(build_owned(keywords)),
      byte_class_(owned_.byte_class.data()),
      classes_(owned_.classes),
      first_output_(owned_.first_output),
      delta_(owned_.delta),
      out_begin_(owned_.out_begin),
      out_(owned_.out),
      lengths_(owned_.lengths),
      max_length_(owned_.lengths.empty()
                      ? 1
                      : *std::max_element(owned_.lengths.begin(), owned_.lengths.end())) {}

void KeywordMatcher::scan_two_streams(const unsigned char* data, std::size_t n,
                                      std::vector<Hit>& first, std::vector<Hit>& second) const {
  const std::uint16_t* const delta = delta_.data();
  const std::uint8_t* const byte_class = byte_class_;
  const std::uint32_t first_output = first_output_;
  const std::size_t mid = n / 2;
  const std::size_t a_len = std::min(n, mid + max_length_ - 1);
  const std::size_t b_len = n - mid;
  const unsigned char* const a = data;
  const unsigned char* const b = data + mid;
  std::uint32_t sa = 0;
  std::uint32_t sb = 0;
  std::size_t i = 0;
  for (const std::size_t both = std::min(a_len, b_len); i < both; ++i) {
    sa = delta[sa + byte_class[a[i]]];
    sb = delta[sb + byte_class[b[i]]];
    if ((sa >= first_output) | (sb >= first_output)) [[unlikely]] {
      if (sa >= first_output) first.push_back({static_cast<std::uint32_t>(i + 1), sa});
      if (sb >= first_output) second.push_back({static_cast<std::uint32_t>(mid + i + 1), sb});
    }
  }
  for (std::size_t j = i; j < a_len; ++j) {
    sa = delta[sa + byte_class[a[j]]];
    if (sa >= first_output) first.push_back({static_cast<std::uint32_t>(j + 1), sa});
  }
  for (std::size_t j = i; j < b_len; ++j) {
    sb = delta[sb + byte_class[b[j]]];
    if (sb >= first_output) second.push_back({static_cast<std::uint32_t>(mid + j + 1), sb});
  }
}

std::size_t KeywordMatcher::advance(const unsigned char* data, std::size_t n, std::size_t i,
                                    std::uint32_t& state) const {
  const std::uint16_t* const delta = delta_.data();
  const std::uint8_t* const byte_class = byte_class_;
  const std::uint32_t first_output = first_output_;
  std::uint32_t s = state;
  for (; i < n; ++i) {
    s = delta[s + byte_class[data[i]]];
    if (s >= first_output) break;
  }
  state = s;
  return i;
}

}  // namespace lintel::parsers::secrets
