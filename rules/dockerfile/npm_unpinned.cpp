// DF016 npm-unpinned: `npm install <package>` without a version.
//
// Commands: `npm install`, its aliases `npm i` and `npm add`, anywhere in a RUN script
// (heredocs, `ONBUILD RUN`, `sh -c`, behind `sudo`/`env`). `npm ci` and an `npm install` with
// no package operand install from the lockfile and are never reported; `-g` changes nothing.
// A package spec passes when it has a version or tag after the name: `pkg@1.2.3`, `pkg@^1.2`,
// `@scope/pkg@1.2.3` (a scoped name needs a second `@`), or is not a registry name: a path
// (`./dir`, `../dir`, `/abs`, `~/dir`, `file:…`), a tarball (`.tgz`, `.tar`, `.tar.gz`), or a
// git URL or GitHub shorthand with a `#ref` (`git+https://…/repo.git#v1.2`, `user/repo#v1.2`).
// Divergence from hadolint DL3016: `pkg@latest` (also `@next`) is reported, because a dist-tag
// moves like an unpinned name does; hadolint accepts any `@`. Option values are skipped for the
// options that take one (`--registry URL`, `--prefix dir`, `-w workspace`, `--tag t`, …).
// A word that is a whole expansion (`$PACKAGES`) is skipped.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_npm_unpinned {

constexpr PeerId kPeers[] = {{"hadolint", "DL3016"}, {"kics", "e36d8880"}};
constexpr std::string_view kReferences[] = {
    "https://docs.npmjs.com/cli/commands/npm-install",
    "https://docs.npmjs.com/cli/commands/npm-ci",
    "https://github.com/hadolint/hadolint/wiki/DL3016",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

constexpr OptionSyntax kNpmSyntax{
    .short_with_value = "w",
    .long_with_value = "registry prefix cache userconfig globalconfig workspace tag loglevel omit "
                       "include install-strategy before otp"};

bool is_install(std::string_view sub) { return sub == "install" || sub == "i" || sub == "add"; }

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (const std::string_view p : prefixes)
    if (s.starts_with(p)) return true;
  return false;
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (const std::string_view p : suffixes)
    if (s.ends_with(p)) return true;
  return false;
}

bool is_git(std::string_view spec) {
  return starts_with_any(spec, {"git:", "git+", "github:", "gitlab:", "bitbucket:", "gist:"}) ||
         spec.ends_with(".git");
}

// The version or tag after the name, or empty: `1.2.3` in `@scope/pkg@1.2.3`.
std::string_view version_part(std::string_view spec) {
  const std::size_t from = spec.starts_with('@') ? spec.find('/') : 0;
  if (from == std::string_view::npos) return {};
  const auto at = spec.find('@', from == 0 ? 1 : from);
  return at == std::string_view::npos ? std::string_view{} : spec.substr(at + 1);
}

// Why `spec` is not pinned, or nullopt when it is.
std::optional<std::string_view> unpinned_reason(std::string_view spec) {
  if (starts_with_any(spec, {"/", "./", "../", "~/", "file:", "http://", "https://"}) ||
      spec == "." || spec == ".." || ends_with_any(spec, {".tgz", ".tar", ".tar.gz"}))
    return std::nullopt;  // a local path, a tarball or a tarball URL
  // `user/repo` is GitHub shorthand; a scoped name `@scope/pkg` is not.
  const bool shorthand = !spec.starts_with('@') && spec.find('/') != std::string_view::npos;
  if (is_git(spec) || shorthand) {
    if (spec.find('#') != std::string_view::npos) return std::nullopt;
    return "is a git reference without a #ref";
  }
  const std::string_view version = version_part(spec);
  if (version.empty()) return "is installed without a pinned version";
  if (version == "latest" || version == "next") return "uses a moving dist-tag";
  return std::nullopt;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(doc, [&](const RunRef&, const model::ShellCommand& cmd) {
    const auto view = effective_command(cmd);
    if (!view || view->program() != "npm") return;
    const ParsedArgs args = parse_args(view->args, kNpmSyntax);
    if (!is_install(args.subcommand())) return;
    for (const model::ShellWord* spec : args.after_subcommand()) {
      if (is_opaque_word(*spec)) continue;
      if (const auto reason = unpinned_reason(spec->value))
        out.report(spec->span, fmt::format("npm package \"{}\" {}", spec->value, *reason));
    }
  });
}

}  // namespace impl_npm_unpinned

extern const Rule npm_unpinned{
    .meta = {.id = "DF016",
             .slug = "npm-unpinned",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "npm install of a package without a pinned version",
             .what = "Reports each package of an `npm install` (also `npm i`, `npm add`) in a "
                     "`RUN` instruction that has no version after its name (`express`, "
                     "`@types/node`), only a moving dist-tag (`express@latest`), or is a git "
                     "reference without a `#ref`. `npm ci`, `npm install` without package "
                     "arguments (which uses package.json and the lockfile), local paths and "
                     "tarballs are not reported.",
             .why = "An unpinned package resolves to whatever the registry serves on build "
                    "day, together with its whole dependency tree. A rebuild can then pull a new "
                    "major version or a compromised release, and the image no longer matches "
                    "what was tested.",
             .fix = "Pin the version (`npm install -g typescript@5.4.5`), or better, declare the "
                    "dependencies in package.json, commit package-lock.json and install with "
                    "`npm ci`.",
             .bad = "FROM node:20-slim\n"
                    "RUN npm install -g typescript\n",
             .good = "FROM node:20-slim\n"
                     "RUN npm install -g typescript@5.4.5\n",
             .peers = impl_npm_unpinned::kPeers,
             .references = impl_npm_unpinned::kReferences,
             .tags = impl_npm_unpinned::kTags},
    .check = for_format<model::DockerfileDoc, impl_npm_unpinned::check>,
};

}  // namespace lintel::rules::dockerfile
