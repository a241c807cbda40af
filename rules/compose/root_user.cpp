// DC004 root-user: a service's container runs as root.
//
// - `user:` set: reported when it is root, `0` (also `00`), with any group (`root:root`, `0:0`),
//   after interpolation; a value depending on an unknown variable is not judged.
// - No `user:` and a `build:`: the Dockerfile it builds decides (its `target` stage or the final
//   one, with what it inherits along `FROM <stage>`): a last USER of root/0, or no USER at all
//   unless the chain's base image tag says `nonroot`, is reported on the service name. `USER
//   $VAR` with no known value, or a Dockerfile lintel cannot read, keeps the rule silent.
// - No `user:` and only an `image:`: reported on the service name unless the image tag says
//   `nonroot` (`gcr.io/distroless/static:nonroot`). Many images run as root by default; some
//   drop privileges in their entrypoint, which lintel cannot see, so this is a warning and the
//   fix documents the intent.
// Fragments (no image and no build, e.g. in an override file) and services whose `extends`
// base could not be read are only judged on an explicit `user:`.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_root_user {

constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#user",
    "https://docs.docker.com/build/building/best-practices/#user",
    "CIS Docker Benchmark 4.1: Ensure that a user for the container has been created",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

bool is_root_spec(std::string_view user) {
  const std::size_t colon = user.find(':');
  return dockerfile::is_root_user_name(user.substr(0, colon));
}

bool has_nonroot_tag(const model::ComposeImage& image) {
  return image.tag && dockerfile::ascii_lower(*image.tag).find("nonroot") != std::string::npos;
}

void check(const ComposeDoc& doc, const RuleContext& ctx, Reporter& out,
           const Document& document) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc)) continue;
    if (svc.user) {
      const ComposeValue& user = *svc.user;
      if (!user.resolved || !is_root_spec(*user.resolved)) continue;
      out.report(user.text.span,
                 fmt::format("{} runs as root: user is \"{}\"", service_label(svc), user.text.value));
      continue;
    }
    if (!is_judgeable(svc)) continue;
    if (svc.build) {
      const auto built = built_stage(svc, ctx, document);
      if (!built || runs_as_root(*built) != Answer::yes) continue;
      const model::Instruction* user = dockerfile::last_in_chain(
          *built->dockerfile, *built->stage, model::InstructionKind::user);
      if (user != nullptr && user->user) {
        out.report(svc.name.span,
                   fmt::format("{} sets no user and its Dockerfile \"{}\" switches to root "
                               "(USER \"{}\")",
                               service_label(svc), built->path, user->user->user.value));
      } else {
        out.report(svc.name.span,
                   fmt::format("{} sets no user and its Dockerfile \"{}\" sets no USER, so it "
                               "runs as root",
                               service_label(svc), built->path));
      }
      continue;
    }
    if (has_nonroot_tag(*svc.image)) continue;
    out.report(svc.name.span,
               fmt::format("{} sets no user, so image \"{}\" runs as its default user, root "
                           "unless the image sets another",
                           service_label(svc), svc.image->ref.text.value));
  }
}

}  // namespace impl_root_user

extern const Rule root_user{
    .meta = {.id = "DC004",
             .slug = "root-user",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "Service runs as root",
             .what = "Reports a service whose `user:` is `root` or `0` (with any group), and a "
                     "service without `user:` whose image runs as root: for a service with "
                     "`build:`, the Dockerfile it builds has no USER or a root USER in its "
                     "`target` (or final) stage; for a service that only names an `image:`, the "
                     "image tag does not say `nonroot`. Values with an unknown variable, and "
                     "Dockerfiles lintel cannot read, are not judged.",
             .why = "A process running as root in a container is root on every file it can "
                    "reach, including bind-mounted host paths, and one kernel or runtime bug "
                    "away from root on the host. Running as an unprivileged user limits what an "
                    "attacker who takes over the service can do.",
             .fix = "Set `user:` to an unprivileged UID and GID (`user: \"10001:10001\"`) and give "
                    "that user the files it needs, or add a non-root `USER` to the Dockerfile "
                    "the service builds. If the image drops privileges itself, say so with a "
                    "suppression comment.",
             .bad = "services:\n"
                    "  app:\n"
                    "    image: node:22-alpine\n"
                    "    user: root\n",
             .good = "services:\n"
                     "  app:\n"
                     "    image: node:22-alpine\n"
                     "    user: node\n",
             .references = impl_root_user::kReferences,
             .tags = impl_root_user::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::ComposeDoc, impl_root_user::check>,
};

}  // namespace lintel::rules::compose
