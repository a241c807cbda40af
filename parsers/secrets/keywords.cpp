#include "parsers/secrets/keywords.hpp"

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
      lengths_(owned_.lengths) {}

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
