#include "analyzer/cli/baseline.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <tuple>

namespace lintel::cli {

namespace {

sarif::BaselineRead read_lintel_json(const nlohmann::json& root) {
  sarif::BaselineRead out;
  const auto it = root.find("findings");
  if (it == root.end() || !it->is_array()) {
    out.error = "not a SARIF log or lintel JSON report (no \"runs\" or \"findings\")";
    return out;
  }
  for (const auto& f : *it) {
    if (!f.is_object()) continue;
    const auto str = [&](const char* key) -> std::string {
      const auto m = f.find(key);
      return m != f.end() && m->is_string() ? m->get<std::string>() : std::string();
    };
    sarif::BaselineEntry e;
    e.rule_id = str("rule");
    e.fingerprint = str("fingerprint");
    e.path = str("path");
    e.uri = e.path;
    const auto s = f.find("suppressed");
    e.suppressed = s != f.end() && s->is_boolean() && s->get<bool>();
    if (e.rule_id.empty() || e.fingerprint.empty()) continue;
    out.entries.push_back(std::move(e));
  }
  return out;
}

// Baselines are inputs from disk: refuse absurd nesting before building a tree out of it.
bool shallow_enough(std::string_view text, int max_depth = 64) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

sarif::BaselineRead read_baseline(std::string_view text) {
  if (!shallow_enough(text)) {
    sarif::BaselineRead out;
    out.error = "JSON nested too deeply";
    return out;
  }
  const nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    sarif::BaselineRead out;
    out.error = "not valid JSON";
    return out;
  }
  if (root.contains("runs")) return sarif::read_sarif_fingerprints(text);
  return read_lintel_json(root);
}

std::size_t apply_baseline(std::span<const sarif::BaselineEntry> baseline,
                           std::vector<Finding>& findings) {
  std::set<std::tuple<std::string_view, std::string_view, std::string_view>> known;
  for (const auto& e : baseline) known.emplace(e.rule_id, e.path, e.fingerprint);
  std::size_t marked = 0;
  for (Finding& f : findings) {
    if (f.suppressed() || f.fingerprint.empty()) continue;
    if (!known.contains({f.rule_id, f.path, f.fingerprint})) continue;
    f.suppressions.push_back({Suppression::Kind::external, "baseline"});
    ++marked;
  }
  return marked;
}

std::string write_baseline(std::span<const Rule* const> rules, std::span<const Finding> findings,
                           std::string_view version) {
  std::vector<const Rule*> used;
  for (const Rule* r : rules) {
    for (const Finding& f : findings) {
      if (f.rule_id == r->meta.id.view()) {
        used.push_back(r);
        break;
      }
    }
  }
  sarif::RunInfo info;
  info.tool_version = std::string(version);
  info.information_uri = "https://github.com/lintel-dev/lintel";
  info.docs_base_uri = std::string(sarif::kDocsBaseUri);
  return sarif::write_sarif(used, findings, {}, info);
}

}  // namespace lintel::cli
