// DC012 no-new-privileges: a service does not set `security_opt: [no-new-privileges:true]`.
//
// Docker accepts `no-new-privileges:true`, `no-new-privileges=true` and bare
// `no-new-privileges`; any of them satisfies the rule. An explicit `no-new-privileges:false` is
// reported on that entry; a missing one on the service name. A `security_opt` entry with an
// unknown variable could be the option, so the rule stays silent. Override-file fragments and
// services with an unreadable `extends` base are not judged.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_no_new_privileges {

constexpr PeerId kPeers[] = {{"kics", "27fcc7d6"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
    "https://docs.kernel.org/userspace-api/no_new_privs.html",
    "CIS Docker Benchmark 5.25: Ensure that the container is restricted from acquiring additional "
    "privileges",
};
constexpr std::string_view kTags[] = {"security"};

enum class Setting : std::uint8_t { absent, on, off };

Setting no_new_privileges(std::string_view opt) {
  const std::string lower = dockerfile::ascii_lower(opt);
  constexpr std::string_view kName = "no-new-privileges";
  if (!lower.starts_with(kName)) return Setting::absent;
  const std::string_view rest = std::string_view(lower).substr(kName.size());
  if (rest.empty()) return Setting::on;
  if (rest.front() != ':' && rest.front() != '=') return Setting::absent;
  const std::string_view value = rest.substr(1);
  if (value == "true") return Setting::on;
  if (value == "false") return Setting::off;
  return Setting::absent;
}

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_judgeable(svc)) continue;
    bool on = false;
    bool unknown = false;
    const ComposeValue* off = nullptr;
    for (const ComposeValue& opt : svc.security_opt) {
      if (!opt.resolved) {
        unknown = true;
        continue;
      }
      const Setting s = no_new_privileges(*opt.resolved);
      if (s == Setting::on) on = true;
      if (s == Setting::off) off = &opt;
    }
    if (on || unknown) continue;
    if (off != nullptr) {
      out.report(off->text.span, fmt::format("{} sets \"{}\", so its processes can gain "
                                             "privileges through setuid binaries",
                                             service_label(svc), off->text.value));
      continue;
    }
    out.report(svc.name.span, fmt::format("{} does not set security_opt no-new-privileges:true",
                                          service_label(svc)));
  }
}

}  // namespace impl_no_new_privileges

extern const Rule no_new_privileges{
    .meta = {.id = "DC012",
             .slug = "no-new-privileges",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "Service does not set no-new-privileges",
             .what = "Reports a service whose `security_opt` does not contain "
                     "`no-new-privileges:true` (or `no-new-privileges=true`, or bare "
                     "`no-new-privileges`), and an explicit `no-new-privileges:false`.",
             .why = "Without the flag a process in the container can gain privileges by "
                    "executing a setuid or setgid binary, or one with file capabilities: a "
                    "compromised unprivileged process can become root inside the container. The "
                    "flag makes the kernel refuse any such gain for the container's lifetime.",
             .fix = "Add `security_opt: [\"no-new-privileges:true\"]` to the service. It rarely "
                    "breaks anything; images that switch users with `su` or `sudo` at runtime "
                    "need to drop privileges another way (`gosu`, `setpriv`, `user:`).",
             .bad = "services:\n"
                    "  api:\n"
                    "    image: example/api:2.3\n",
             .good = "services:\n"
                     "  api:\n"
                     "    image: example/api:2.3\n"
                     "    security_opt:\n"
                     "      - no-new-privileges:true\n",
             .peers = impl_no_new_privileges::kPeers,
             .references = impl_no_new_privileges::kReferences,
             .tags = impl_no_new_privileges::kTags,
             .security_severity = "3.0"},
    .check = for_format<model::ComposeDoc, impl_no_new_privileges::check>,
};

}  // namespace lintel::rules::compose
