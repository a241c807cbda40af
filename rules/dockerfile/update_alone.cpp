// DF013 update-alone: a package index update in a RUN that installs nothing with it.
//
// The unit is one RUN instruction (all its scripts: shell form and heredocs; `ONBUILD RUN` too):
// the build cache reuses a RUN whose text has not changed, so an update in its own RUN goes
// stale and a later install uses old indexes (or fails on packages that moved).
// Updates, per RULES.md: `apt-get update`, `apt update`, `apk update`, `yum update`. `yum update`
// upgrades packages rather than refreshing an index, but it is what Checkov CKV_DOCKER_5 flags
// too; `dnf`, `zypper refresh` and `pacman -Sy` are not covered.
// An update passes when the same RUN also installs with the same family of package manager:
// apt-get/apt/aptitude `install`, `reinstall`, `upgrade`, `dist-upgrade`, `full-upgrade` or
// `build-dep`; apk `add`, `upgrade` or `fix`; yum/dnf `install`, `reinstall`, `groupinstall`,
// `localinstall` or `upgrade`. `apk add --update …` is an install, not an update. An install
// by another manager (`apt-get update && pip install …`) does not make an apt update useful.
// Each lone update command is reported, spanning the command word through `update`.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_update_alone {

constexpr PeerId kPeers[] = {
    {"checkov", "CKV_DOCKER_5"}, {"kics", "9bae49be"}, {"trivy", "DS-0017"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#apt-get",
    "https://docs.docker.com/build/cache/",
};
constexpr std::string_view kTags[] = {"best-practice"};

enum class Family : std::uint8_t { none, apt, apk, yum };

Family family_of(std::string_view program) {
  if (program == "apt-get" || program == "apt" || program == "aptitude") return Family::apt;
  if (program == "apk") return Family::apk;
  if (program == "yum" || program == "dnf" || program == "microdnf") return Family::yum;
  return Family::none;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> set) {
  for (const std::string_view s : set)
    if (word == s) return true;
  return false;
}

bool is_install(Family family, std::string_view sub) {
  switch (family) {
    case Family::apt:
      return is_one_of(sub, {"install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade",
                             "build-dep"});
    case Family::apk:
      return is_one_of(sub, {"add", "upgrade", "fix"});
    case Family::yum:
      return is_one_of(sub, {"install", "reinstall", "groupinstall", "localinstall", "upgrade"});
    case Family::none:
      break;
  }
  return false;
}

// `update` of apt-get, apt, apk or yum (the managers RULES.md names).
bool is_update(std::string_view program, std::string_view sub) {
  return sub == "update" &&
         (program == "apt-get" || program == "apt" || program == "apk" || program == "yum");
}

OptionSyntax syntax_of(Family family) {
  switch (family) {
    case Family::apt:
      return kAptSyntax;
    case Family::apk:
      return kApkSyntax;
    case Family::yum:
      return {.short_with_value = "cdexR",
              .long_with_value = "config debuglevel errorlevel exclude installroot releasever "
                                 "setopt enablerepo disablerepo repo repoid"};
    case Family::none:
      break;
  }
  return {};
}

struct Update {
  Span span;
  std::string text;  // e.g. `apt-get update`
  Family family;
};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    std::vector<Update> updates;
    bool installs[4] = {false, false, false, false};
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellCommand& cmd : script.commands) {
        const auto view = effective_command(cmd);
        if (!view) continue;
        const Family family = family_of(view->program());
        if (family == Family::none) continue;
        const ParsedArgs args = parse_args(view->args, syntax_of(family));
        const std::string_view sub = args.subcommand();
        if (is_install(family, sub)) installs[static_cast<int>(family)] = true;
        if (is_update(view->program(), sub))
          updates.push_back({command_span(*view, *args.operands.front()),
                             fmt::format("{} update", view->name->value), family});
      }
    }
    for (const Update& u : updates) {
      if (installs[static_cast<int>(u.family)]) continue;
      out.report(u.span, fmt::format("\"{}\" in a RUN that installs nothing: the cached index goes "
                                     "stale",
                                     u.text));
    }
  }
}

}  // namespace impl_update_alone

extern const Rule update_alone{
    .meta = {.id = "DF013",
             .slug = "update-alone",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "Package index update in a RUN without an install",
             .what = "Reports `apt-get update`, `apt update`, `apk update` and `yum update` in a "
                     "`RUN` instruction (or `ONBUILD RUN`) that does not also install or upgrade "
                     "packages with the same package manager (`apt-get install`, `apk add`, "
                     "`yum install`, …).",
             .why = "Docker caches each `RUN` by its text. An update in a `RUN` of its own is "
                    "cached once and reused by later builds, so the `apt-get install` in the "
                    "next `RUN` works from stale package indexes: it installs outdated versions, "
                    "misses security fixes, or fails when the mirror has dropped the old files.",
             .fix = "Update and install in one `RUN`: `RUN apt-get update && apt-get install -y "
                    "--no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf "
                    "/var/lib/apt/lists/*`. For Alpine, prefer `apk add --no-cache`, which needs "
                    "no update at all.",
             .bad = "FROM debian:12\n"
                    "RUN apt-get update\n"
                    "RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                    "    && rm -rf /var/lib/apt/lists/*\n",
             .good = "FROM debian:12\n"
                     "RUN apt-get update \\\n"
                     "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                     "    && rm -rf /var/lib/apt/lists/*\n",
             .peers = impl_update_alone::kPeers,
             .references = impl_update_alone::kReferences,
             .tags = impl_update_alone::kTags},
    .check = for_format<model::DockerfileDoc, impl_update_alone::check>,
};

}  // namespace lintel::rules::dockerfile
