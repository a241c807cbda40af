#include "analyzer/engine/rule_match.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace lintel::engine {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::toupper(x) == std::toupper(y);
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_id_prefix(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](unsigned char c) {
    return std::isalnum(c) != 0;
  });
}

}  // namespace

std::vector<const Rule*> match_rules(std::string_view token, std::span<const Rule* const> rules) {
  std::vector<const Rule*> out;
  for (const Rule* r : rules)
    if (iequals(r->meta.id.view(), token)) return {r};
  if (is_id_prefix(token)) {
    for (const Rule* r : rules)
      if (istarts_with(r->meta.id.view(), token)) out.push_back(r);
    if (!out.empty()) return out;
  }
  for (const Rule* r : rules)
    if (iequals(r->meta.slug, token)) out.push_back(r);
  if (!out.empty()) return out;
  const auto colon = token.find(':');
  const std::string_view tool = colon == std::string_view::npos ? "" : token.substr(0, colon);
  const std::string_view id = colon == std::string_view::npos ? token : token.substr(colon + 1);
  for (const Rule* r : rules) {
    for (const PeerId& p : r->meta.peers) {
      if (iequals(p.id, id) && (tool.empty() || iequals(p.tool, tool))) {
        out.push_back(r);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> enabled_ids(std::span<const Rule* const> rules,
                                     const std::vector<std::string>& select,
                                     const std::vector<std::string>& ignore,
                                     std::vector<std::string>& unknown) {
  // A flag per rule of the registry, not a set of strings (perf: the set's 128 insertions were
  // a sixth of a one-file scan).
  std::vector<char> on(rules.size(), 0);
  const auto index_of = [&](const Rule* r) {
    return static_cast<std::size_t>(std::find(rules.begin(), rules.end(), r) - rules.begin());
  };
  if (select.empty()) {
    for (std::size_t i = 0; i < rules.size(); ++i) on[i] = rules[i]->meta.status == RuleStatus::stable;
  } else {
    for (const std::string& t : select) {
      const auto m = match_rules(t, rules);
      if (m.empty()) unknown.push_back(t);
      for (const Rule* r : m)
        if (const std::size_t i = index_of(r); i < on.size()) on[i] = 1;
    }
  }
  // Parse errors, unreadable files and rule failures are reported whatever is selected: a
  // broken file must never pass silently. Only an explicit --ignore turns them off. (Parse
  // errors of a format no selected rule reads are not reported unless LNT001 itself is
  // selected: EngineOptions::parse_errors_everywhere.)
  std::vector<std::string> extra;  // always-on IDs the registry does not hold (tests' registries)
  for (std::string_view id : {"LNT001", "LNT002", "LNT003"}) {
    const auto it = std::find_if(rules.begin(), rules.end(),
                                 [&](const Rule* r) { return r->meta.id.view() == id; });
    if (it != rules.end()) {
      on[static_cast<std::size_t>(it - rules.begin())] = 1;
    } else {
      extra.emplace_back(id);
    }
  }
  for (const std::string& t : ignore) {
    const auto m = match_rules(t, rules);
    if (m.empty()) unknown.push_back(t);
    for (const Rule* r : m) {
      if (const std::size_t i = index_of(r); i < on.size()) on[i] = 0;
      std::erase(extra, r->meta.id.view());
    }
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (on[i]) out.emplace_back(rules[i]->meta.id.view());
  out.insert(out.end(), extra.begin(), extra.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lintel::engine
