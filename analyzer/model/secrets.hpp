// Secret candidates found in a file's text by parsers/secrets (keyword prefilter, RE2 patterns,
// checks on each candidate); the SEC rules decide how to word what they report.
//
// The secret text itself is never stored here: a candidate holds where the secret is (spans
// into the SourceFile), a redacted preview (at most four leading characters and "…") and a hash
// of the secret, so nothing a reporter prints can carry the full value. `context` holds only
// text that is not secret (the key a value is assigned to, a URL's user and host, a PEM label).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::model {

struct SecretCandidate {
  std::string_view rule;         // the rule that reports it, "SEC003" (static storage)
  std::string_view description;  // "GitHub personal access token" (static storage)
  Span secret;                   // the secret value
  Span match;                    // the whole match: `password = "…"`, a PEM block BEGIN..END
  Span at;                       // where a finding points: the secret, or a key block's BEGIN line
  std::string preview;           // the first characters of the secret (at most 4) and "…"
  std::string hash;              // SHA-256 of the secret, hex: fingerprints and baselines
  std::string context;           // non-secret detail: key name, URL user@host, PEM label
  auto operator<=>(const SecretCandidate&) const = default;
};

// A `KEY=value` line of a dotenv file (SEC014).
struct DotenvEntry {
  Scalar<std::string> key;
  Span value;          // the value as written (quotes included); empty span for `KEY=`
  bool empty = false;  // no value, or only quotes: `KEY=`, `KEY=""`
  auto operator<=>(const DotenvEntry&) const = default;
};

struct SecretScan {
  // Sorted by `at`; at most one candidate per secret (a specific format wins over a generic one).
  std::vector<SecretCandidate> candidates;
  // The assignments of a dotenv file (only read for files named like one: is_dotenv_name).
  std::vector<DotenvEntry> dotenv;
  // The first line that is neither blank nor a `#` or `//` comment, trimmed: where a finding
  // about the whole file points.
  std::optional<Span> first_line;
  // A file named like Terraform state (is_tfstate_name) that holds state: its JSON has the
  // `terraform_version` or `lineage` keys every state file carries.
  bool terraform_state = false;
  // A suppression marker (model::kPragmaMarkers) occurs in the text: found by the same pass
  // as the keywords, so the engine need not look again.
  bool pragma_markers = false;
};

// --- file names (shared by the scanner and the file-name rules SEC014-SEC016) ---

[[nodiscard]] inline std::string_view secrets_base_name(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

namespace detail {
[[nodiscard]] inline char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
[[nodiscard]] inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}
}  // namespace detail

// A dotenv file meant to hold real values: `.env`, `.env.local`, `.env.production`, `app.env`.
// Not the documented templates: any dot-separated part after "env" being example, sample,
// template, dist, default(s), tmpl, tpl, schema or defaults marks a file meant to be committed.
[[nodiscard]] inline bool is_dotenv_name(std::string_view path) {
  const std::string name = detail::lower_ascii(secrets_base_name(path));
  std::string_view rest;
  if (name == ".env") return true;
  if (name.starts_with(".env.")) {
    rest = std::string_view(name).substr(5);
  } else if (name.size() > 4 && name.ends_with(".env")) {
    return true;
  } else if (const auto at = name.find(".env."); at != std::string::npos && at > 0) {
    rest = std::string_view(name).substr(at + 5);
  } else {
    return false;
  }
  constexpr std::string_view kTemplates[] = {"example", "examples", "sample", "samples",
                                             "template", "templates", "tmpl", "tpl",
                                             "dist",     "default",  "defaults", "schema",
                                             "sample-local", "example-local"};
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    for (std::string_view t : kTemplates)
      if (part == t) return false;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return true;
}

// Terraform state and its backup: `terraform.tfstate`, `prod.tfstate.backup`.
[[nodiscard]] inline bool is_tfstate_name(std::string_view path) {
  const std::string name = detail::lower_ascii(secrets_base_name(path));
  return name.ends_with(".tfstate") || name.ends_with(".tfstate.backup");
}

// File names kubeconfigs usually have; content (`kind: Config`) identifies the others.
[[nodiscard]] inline bool is_kubeconfig_name(std::string_view path) {
  const std::string lpath = detail::lower_ascii(path);
  const std::string_view name = secrets_base_name(lpath);
  if (lpath.ends_with(".kube/config")) return true;
  return name.starts_with("kubeconfig") || name.ends_with(".kubeconfig") ||
         name.ends_with("-kubeconfig") || name.ends_with("_kubeconfig");
}

}  // namespace lintel::model
