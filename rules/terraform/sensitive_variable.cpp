// TF016 sensitive-variable: a variable that holds a secret but is not marked sensitive.
//
// A variable is "named like a secret" when one of the words of its name (split at `_` and `-`)
// is password, passwd, pwd, secret, token, apikey, credential(s), or the pairs api_key,
// private_key, access_key, secret_key, client_secret, auth_key appear; names that describe
// something about a secret rather than the secret itself are skipped (…_arn, …_name, …_id,
// …_arns, …_status, …_length, …_ttl, …_path, …_version, …_enabled, …_rotation, …_type, …_policy, …). Variables
// typed `bool` or `number` are skipped. Reported when `sensitive = true` is missing; the
// message says so more strongly when the variable has a literal (non-empty) default, which
// puts the secret itself in the code.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_sensitive_variable {

constexpr std::string_view kReferences[] = {
    "https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output",
    "https://cwe.mitre.org/data/definitions/532.html",
};
constexpr std::string_view kTags[] = {"security"};

std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : lower(name)) {
    if (c == '_' || c == '-') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool secret_like(std::string_view name) {
  const auto w = words(name);
  constexpr std::string_view kNot[] = {"arn", "arns", "status", "name", "names", "id", "ids", "length", "ttl", "path", "version",
                                       "enabled", "enable", "rotation", "policy", "type", "count", "expiry",
                                       "expiration", "duration", "prefix", "suffix", "header", "endpoint", "url",
                                       "kms", "size", "lifetime", "timeout", "rule", "rules", "location",
                                       "manager", "bucket", "parameter", "ssm", "file", "filename", "secretsmanager",
                                       "vault", "store", "key_id", "min", "max", "format", "algorithm", "regex",
                                       "placeholder", "description", "days", "period", "reset", "generate",
                                       "special", "use", "create", "required", "policy", "engine", "mount"};
  for (const std::string& x : w) {
    for (std::string_view n : kNot) {
      if (x == n) return false;
    }
  }
  constexpr std::string_view kWords[] = {"password", "passwd", "pwd", "secret", "token", "apikey",
                                         "credential", "credentials", "passphrase"};
  for (const std::string& x : w) {
    for (std::string_view s : kWords) {
      if (x == s) return true;
    }
  }
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    const std::string pair = w[i] + "_" + w[i + 1];
    for (std::string_view p : {"api_key", "private_key", "access_key", "secret_key", "auth_key", "client_secret",
                               "master_key", "account_key", "signing_key"}) {
      if (pair == p) return true;
    }
  }
  return false;
}

void check(const TerraformDoc& doc, Reporter& out) {
  for (const Block& b : doc.blocks()) {
    if (b.type.value != "variable" || b.labels.empty()) continue;
    const std::string& name = b.labels[0].value;
    if (!secret_like(name)) continue;
    if (const Attribute* t = b.attr("type")) {
      const std::string_view ty = t->expr.identifier();
      if (ty == "bool" || ty == "number") continue;
    }
    const auto sensitive = bool_attr(doc, b, "sensitive", false);
    if (!sensitive || *sensitive) continue;
    bool literal_default = false;
    if (const Attribute* d = b.attr("default")) {
      const Value v = doc.eval(d->expr);
      literal_default = v.is_string() && !v.string.empty();
    }
    if (literal_default) {
      out.report(b.labels[0].span,
                 fmt::format("variable \"{}\" has a literal default secret and is not marked `sensitive = "
                             "true`: remove the default and mark it sensitive", name));
    } else {
      out.report(b.labels[0].span,
                 fmt::format("variable \"{}\" looks like a secret but is not marked `sensitive = true`", name));
    }
  }
}

}  // namespace impl_sensitive_variable

extern const Rule sensitive_variable{
    .meta = {.id = "TF016",
             .slug = "sensitive-variable",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Secret-like variable is not marked sensitive",
             .what = "Reports `variable` blocks named like a secret (password, secret, token, "
                     "api_key, private_key, …) without `sensitive = true`; the message is "
                     "stronger when the variable has a literal default. Names describing a "
                     "secret rather than holding one (`…_arn`, `…_name`, `…_length`) and "
                     "`bool`/`number` variables are skipped.",
             .why = "Terraform prints non-sensitive values in plans and CI logs; a literal "
                    "default puts the secret itself in version control.",
             .fix = "Add `sensitive = true`, remove any default, and pass the value from a secret "
                    "store or a `TF_VAR_` environment variable.",
             .bad = "variable \"db_password\" {\n"
                    "  type = string\n"
                    "}\n",
             .good = "variable \"db_password\" {\n"
                     "  type      = string\n"
                     "  sensitive = true\n"
                     "}\n",
             .references = impl_sensitive_variable::kReferences,
             .tags = impl_sensitive_variable::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_sensitive_variable::check>,
};

}  // namespace lintel::rules::terraform
