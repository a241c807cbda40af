#include "analyzer/cli/output.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "analyzer/cli/ci_formats.hpp"
#include "analyzer/cli/report.hpp"
#include "analyzer/rule_doc.hpp"
#include "sarif/sarif.hpp"

namespace lintel::cli {

void write_report(std::ostream& out, std::span<const Rule* const> rules,
                  const engine::ScanResult& result, const OutputOptions& options) {
  switch (options.format) {
    case OutputFormat::sarif: {
      sarif::RunInfo info;
      info.tool_version = options.version;
      info.information_uri = "https://github.com/lintel-dev/lintel";
      info.docs_base_uri = std::string(sarif::kDocsBaseUri);
      std::error_code ec;
      info.srcroot_uri = sarif::directory_uri(std::filesystem::current_path(ec).string());
      info.execution_successful = options.execution_successful;
      info.threads = options.threads;
      sarif::write_sarif(out, rules, result.findings, result.notifications, info);
      break;
    }
    case OutputFormat::json:
      write_json(out, result.findings, result.files_checked, options.version, options.threads);
      break;
    case OutputFormat::github:
      write_github(out, result.findings, rules);
      break;
    case OutputFormat::gitlab:
      write_gitlab(out, result.findings);
      break;
    case OutputFormat::junit:
      write_junit(out, result.findings, rules);
      break;
    case OutputFormat::checkstyle:
      write_checkstyle(out, result.findings);
      break;
    default:
      write_text(out, result.findings, result.files_checked, options.color, !options.quiet);
      break;
  }
}

std::string render_rules_text(std::span<const Rule* const> rules) {
  std::string out;
  for (const Rule* r : rules) {
    const RuleMeta& m = r->meta;
    const std::string peers = peer_list(m.peers);
    out += fmt::format("{:<7} {:<8} {:<26} {}{}\n", m.id.view(), to_string(m.severity), m.slug,
                       m.summary, peers.empty() ? "" : fmt::format(" [{}]", peers));
  }
  return out;
}

std::string render_rules_json(std::span<const Rule* const> rules) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Rule* r : rules) {
    const RuleMeta& m = r->meta;
    nlohmann::ordered_json j;
    j["id"] = m.id.view();
    j["slug"] = m.slug;
    j["severity"] = to_string(m.severity);
    j["format"] = to_string(m.format);
    j["status"] = to_string(m.status);
    j["summary"] = m.summary;
    j["what"] = m.what;
    j["why"] = m.why;
    j["fix"] = m.fix;
    j["bad"] = m.bad;
    j["good"] = m.good;
    nlohmann::ordered_json peers = nlohmann::ordered_json::array();
    for (const PeerId& p : m.peers) peers.push_back({{"tool", p.tool}, {"id", p.id}});
    j["aliases"] = peers;
    if (!m.security_severity.empty()) j["security_severity"] = m.security_severity;
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const RuleOption& o : m.options)
      options.push_back({{"name", o.name}, {"default", o.default_value}, {"meaning", o.meaning}});
    j["options"] = options;
    list.push_back(std::move(j));
  }
  return list.dump(2) + "\n";
}

}  // namespace lintel::cli
