#include "analyzer/rule.hpp"

#include <charconv>

namespace lintel {

namespace {
std::string key_of(std::string_view rule, std::string_view name) {
  std::string k(rule);
  k += '.';
  k += name;
  return k;
}
}  // namespace

void RuleOptions::set(std::string rule, std::string name, std::vector<std::string> values) {
  values_[key_of(rule, name)] = std::move(values);
}

void RuleOptions::set_from_lines(std::string_view rule, std::string_view lines) {
  std::size_t start = 0;
  while (start < lines.size()) {
    auto nl = lines.find('\n', start);
    if (nl == std::string_view::npos) nl = lines.size();
    const std::string_view line = lines.substr(start, nl - start);
    start = nl + 1;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::vector<std::string> values;
    std::string_view rest = line.substr(eq + 1);
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      values.emplace_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    set(std::string(rule), std::string(line.substr(0, eq)), std::move(values));
  }
}

const std::vector<std::string>* RuleOptions::list(std::string_view rule,
                                                  std::string_view name) const {
  const auto it = values_.find(key_of(rule, name));
  return it == values_.end() ? nullptr : &it->second;
}

std::optional<std::string> RuleOptions::string(std::string_view rule, std::string_view name) const {
  const auto* v = list(rule, name);
  if (v == nullptr || v->empty()) return std::nullopt;
  return v->front();
}

std::int64_t RuleOptions::integer(std::string_view rule, std::string_view name,
                                  std::int64_t fallback) const {
  const auto s = string(rule, name);
  if (!s) return fallback;
  std::int64_t out = fallback;
  const auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
  return ec == std::errc{} && p == s->data() + s->size() ? out : fallback;
}

}  // namespace lintel
