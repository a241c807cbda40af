// SEC014 dotenv-committed: a committed dotenv file that assigns values.
//
// Dotenv files by name: `.env`, `.env.<anything>` and `<name>.env`, except templates meant to
// be committed (any dot-separated part after "env" being example, sample, template, tmpl, tpl,
// dist, default(s) or schema: `.env.example`, `.env.local.sample`), and in the `<name>.env` form
// any dot-separated part of the name being one (`example.env`, `dev.sample.env`: the model's
// name test only looks after "env"). A file whose assignments are
// all empty (`KEY=`) is a template too. One finding per file, at the first non-empty
// assignment; the values themselves are judged by the other SEC rules. Frameworks that commit a
// defaults `.env` by design (Symfony) get findings they can suppress per file.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_dotenv_committed {

constexpr std::string_view kReferences[] = {
    "https://12factor.net/config",
    "https://github.com/motdotla/dotenv#should-i-commit-my-env-file",
    "https://cwe.mitre.org/data/definitions/540.html",
};

// `example.env`, `app.sample.env`: a template named before its `.env` extension.
bool is_template_stem(std::string_view name) {
  constexpr std::string_view kTemplates[] = {"example", "examples", "sample", "samples",
                                             "template", "templates", "tmpl", "tpl",
                                             "dist", "default", "defaults", "schema"};
  std::string lowered(name);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string_view rest(lowered);
  if (!rest.ends_with(".env") || rest.size() <= 4) return false;
  rest.remove_suffix(4);
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    for (std::string_view t : kTemplates)
      if (part == t) return true;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return false;
}

void check(const Document& doc, const RuleContext&, Reporter& out) {
  if (doc.secrets == nullptr || !model::is_dotenv_name(doc.source.path())) return;
  if (is_template_stem(file_name(doc))) return;
  const model::DotenvEntry* first = nullptr;
  std::size_t values = 0;
  for (const model::DotenvEntry& e : doc.secrets->dotenv) {
    if (e.empty) continue;
    if (first == nullptr) first = &e;
    ++values;
  }
  if (first == nullptr) return;
  out.report(first->key.span,
             fmt::format("dotenv file \"{}\" is committed with {} value{} (first: \"{}\")",
                         file_name(doc), values, values == 1 ? "" : "s", first->key.value));
}

}  // namespace impl_dotenv_committed

extern const Rule dotenv_committed{
    .meta = {.id = "SEC014",
             .slug = "dotenv-committed",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Dotenv file with values committed",
             .what = "Reports a committed dotenv file (`.env`, `.env.local`, `.env.production`, `app.env`) "
             "that assigns at least one non-empty value. Templates meant to be committed are not "
             "reported: `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, "
             "`.env.defaults`, `example.env`, `app.sample.env`, and dotenv files whose values are all empty. The finding points at "
             "the first non-empty assignment.",
             .why = "By convention `.env` files hold the local and deployment secrets that the code reads "
             "from the environment, and tools document them as never-commit files. A committed one "
             "usually means credentials are, or soon will be, in the git history.",
             .fix = "Remove the file from the repository (`git rm --cached .env`), add `.env` and "
             "`.env.*` to .gitignore, commit a `.env.example` with empty or placeholder values "
             "instead, and rotate any secret the file held.",
             .bad = "DB_HOST=db\n"
             "DB_PASSWORD=G8hE4zm9ScHJWJ\n",
             .good = "# copy to .env and fill in\n"
             "DB_HOST=\n"
             "DB_PASSWORD=\n",
             .references = impl_dotenv_committed::kReferences,
             .tags = kSecretTags,
             .security_severity = "5.0",
             .example_path = ".env",
},
    .check = impl_dotenv_committed::check,
};

}  // namespace lintel::rules::secrets
