// DF003 root-user: the final image runs as root.
//
// Only the final stage is judged: builder stages may run as root, since nothing runs them in
// production. The effective USER is the last one in the final stage, or, when the final stage is
// built `FROM` an earlier stage, the last one along that chain of stages (an image inherits its
// parent's USER). Two findings:
// - the effective USER is root: `root`, `0`, with any group (`root:staff`, `0:0`); reported on the
//   USER's value. `USER $APP_USER` is judged on its value after ARG/ENV substitution, and skipped
//   when the variable has no known value.
// - no USER at all: reported on the final FROM's image, since that is where the image's user
//   comes from. Skipped when the chain's base image has a tag that says it is non-root
//   (`gcr.io/distroless/static:nonroot`, `…:debug-nonroot`). Images that are non-root by default
//   without saying so in the tag (Chainguard's `cgr.dev/chainguard/static:latest`) are still
//   reported: lintel cannot inspect the image, and an explicit `USER` documents the intent.
//   `FROM scratch` with no USER is reported too: a scratch image runs as UID 0. So is a final
//   `FROM $BASE` whose value is unknown: the image may set a user, but nothing here says so.
// Peers differ: hadolint DL3002 only reports an explicit root USER (per stage); Checkov, KICS
// and Trivy report a missing USER without a location. lintel does both, for the final stage.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_root_user {

constexpr PeerId kPeers[] = {{"hadolint", "DL3002"},
                             {"checkov", "CKV_DOCKER_3"},
                             {"checkov", "CKV_DOCKER_8"},
                             {"kics", "67fd0c4a"},
                             {"kics", "fd54f200"},
                             {"trivy", "DS-0002"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#user",
    "https://docs.docker.com/reference/dockerfile/#user",
    "CIS Docker Benchmark 4.1: Ensure that a user for the container has been created",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

// The chain's root image says in its tag that it runs as a non-root user.
bool has_nonroot_tag(const model::ImageRef& image) {
  return image.tag && ascii_lower(*image.tag).find("nonroot") != std::string::npos;
}

void report_root_user(const model::UserSpec& user, Reporter& out) {
  const std::string& written = user.user.value;
  if (user.resolved_user.empty() || user.resolved_user == written) {
    out.report(user.user.span,
               fmt::format("the final stage runs as root: USER is \"{}\"", written));
  } else {
    out.report(user.user.span,
               fmt::format("the final stage runs as root: USER \"{}\" resolves to \"{}\"", written,
                           user.resolved_user));
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  const model::Stage* final_stage = doc.final_stage();
  if (final_stage == nullptr) return;
  const Instruction* user_ins = last_in_chain(doc, *final_stage, InstructionKind::user);
  if (user_ins != nullptr) {
    if (!user_ins->user || user_ins->user->unresolved) return;
    const model::UserSpec& user = *user_ins->user;
    const std::string& name = user.resolved_user.empty() ? user.user.value : user.resolved_user;
    if (is_root_user_name(name)) report_root_user(user, out);
    return;
  }
  const model::Stage* base = stage_chain(doc, *final_stage).back();
  if (has_nonroot_tag(base->image)) return;
  const model::ImageRef& image = final_stage->image;
  out.report(image.text.span,
             fmt::format("the final stage (FROM \"{}\") sets no USER, so it runs as root",
                         image.text.value));
}

}  // namespace impl_root_user

extern const Rule root_user{
    .meta = {.id = "DF003",
             .slug = "root-user",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "Final image runs as root",
             .what = "Reports the final stage of a Dockerfile when the user its containers run as "
                     "is root: its last `USER` (or, for a stage built `FROM` an earlier stage, "
                     "the last `USER` along that chain) is `root` or `0`, with any group, or "
                     "there is no `USER` at all. `USER $VAR` is judged after `ARG`/`ENV` "
                     "substitution and skipped when the value is unknown. A missing `USER` is "
                     "accepted when the base image's tag says `nonroot` "
                     "(`gcr.io/distroless/static:nonroot`). Builder stages are not checked.",
             .why = "A process running as root in a container is root on the container's "
                    "filesystem and, with any container escape or a mounted host path, much "
                    "closer to root on the host. Running as an unprivileged user limits what an "
                    "attacker who takes over the process can do, and Kubernetes' "
                    "`runAsNonRoot` refuses images that do not declare a non-root user.",
             .fix = "Create an unprivileged user in the image and switch to it at the end of the "
                    "final stage, preferably by numeric ID so that Kubernetes can verify it: "
                    "`RUN useradd --uid 10001 --no-create-home app` then `USER 10001:10001`. "
                    "Keep steps that need root (package installs) before the `USER` line.",
             .bad = "FROM node:22-alpine\n"
                    "COPY . /app\n"
                    "CMD [\"node\", \"/app/server.js\"]\n",
             .good = "FROM node:22-alpine\n"
                     "COPY . /app\n"
                     "USER node\n"
                     "CMD [\"node\", \"/app/server.js\"]\n",
             .peers = impl_root_user::kPeers,
             .references = impl_root_user::kReferences,
             .tags = impl_root_user::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::DockerfileDoc, impl_root_user::check>,
};

}  // namespace lintel::rules::dockerfile
