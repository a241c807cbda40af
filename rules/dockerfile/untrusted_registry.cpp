// DF033 untrusted-registry: an image pulled from a registry outside the configured allow-list.
//
// Off until configured: with `allowed-registries` empty or unset the rule reports nothing.
// Images checked (like hadolint DL3026 and its follow-ups): every `FROM` base image after ARG
// resolution, `COPY --from=<image>` and `RUN --mount=from=<image>` (also under ONBUILD).
// - `FROM` references that name an earlier stage, `scratch`, or still contain an unresolved
//   variable are skipped (an unknown registry is not evidence of an untrusted one).
// - A `--from` value names an image when it contains `/`, `:` or `@` (stage names and stage
//   indexes contain none); the parser resolves it with the instruction's ARGs and ENV, and one
//   with a variable still unknown is skipped like such a `FROM`.
// - The registry is the first path component when it looks like a host (contains `.` or `:`, or
//   is `localhost`), per the Docker reference grammar; otherwise the image is on Docker Hub,
//   `docker.io`. The Docker Hub aliases `index.docker.io`, `registry-1.docker.io`,
//   `registry.hub.docker.com` and `hub.docker.com` all mean `docker.io`, on both sides.
// - Patterns compare case-insensitively and `*` matches any characters: `*.gcr.io` matches any
//   subdomain of gcr.io (not gcr.io itself), `my.io*` any registry starting with `my.io` (so
//   `my.io:5000` too), `*` everything. A port is part of the registry: `localhost:5000` is not
//   `localhost`.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_untrusted_registry {

constexpr std::string_view kRule = "DF033";
constexpr std::string_view kOption = "allowed-registries";

constexpr PeerId kPeers[] = {{"hadolint", "DL3026"}};
constexpr std::string_view kReferences[] = {
    "https://github.com/hadolint/hadolint/wiki/DL3026",
    "https://docs.docker.com/reference/dockerfile/#from",
    "https://cwe.mitre.org/data/definitions/829.html",
};
constexpr std::string_view kTags[] = {"security", "supply-chain"};
constexpr RuleOption kOptions[] = {
    {.name = "allowed-registries",
     .default_value = "",
     .meaning = "Registries images may come from, comma-separated; `docker.io` covers bare "
                "names such as `python:3`, `*.example.com` matches subdomains and a trailing `*` "
                "matches any suffix. Empty: the rule is off."},
};

std::string canonical_registry(std::string_view registry) {
  std::string r = ascii_lower(registry);
  if (r.empty() || r == "index.docker.io" || r == "registry-1.docker.io" ||
      r == "registry.hub.docker.com" || r == "hub.docker.com")
    return "docker.io";
  return r;
}

// A glob where `*` matches any run of characters (dots and ports included), so `*.gcr.io`
// matches `eu.gcr.io` but not `gcr.io`, and `my.io*` matches `my.io:5000`.
bool glob_matches(std::string_view text, std::string_view pattern) {
  std::size_t t = 0;
  std::size_t p = 0;
  std::optional<std::size_t> star;  // position in pattern after the last `*`
  std::size_t star_t = 0;           // where in text that `*` started matching
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = ++p;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star) {
      p = *star;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool matches(std::string_view registry, std::string_view raw_pattern) {
  return glob_matches(registry, canonical_registry(raw_pattern));
}

bool is_allowed(std::string_view registry, const std::vector<std::string>& allowed) {
  for (const std::string& p : allowed)
    if (!p.empty() && matches(registry, p)) return true;
  return false;
}

void report_if_untrusted(std::string_view image, std::string_view registry, Span span,
                         const std::vector<std::string>& allowed, Reporter& out) {
  const std::string canonical = canonical_registry(registry);
  if (is_allowed(canonical, allowed)) return;
  out.report(span, fmt::format("image \"{}\" comes from registry \"{}\", which is not in "
                               "allowed-registries",
                               image, canonical));
}

// An image the parser resolved, unless a variable in it is still unknown.
void check_image(const model::ImageRef& image, const std::vector<std::string>& allowed,
                 Reporter& out) {
  if (image.unresolved) return;
  const std::string_view shown = image.resolved.empty() ? image.text.value : image.resolved;
  report_if_untrusted(shown, image.registry, image.text.span, allowed, out);
}

// `COPY --from=<image>` and `RUN --mount=…,from=<image>`: the model holds only the values that
// name an image (stage names and indexes are not images).
void check_flag_images(const model::Instruction& ins, const std::vector<std::string>& allowed,
                       Reporter& out) {
  if (ins.from_image) check_image(*ins.from_image, allowed, out);
  for (const model::ImageRef& image : ins.mount_images) check_image(image, allowed, out);
}

void check(const model::DockerfileDoc& doc, const RuleContext& ctx, Reporter& out) {
  const std::vector<std::string>* allowed = ctx.options.list(kRule, kOption);
  if (allowed == nullptr || allowed->empty()) return;
  for (const model::Stage& stage : doc.stages) {
    const model::ImageRef& image = stage.image;
    if (image.stage_ref >= 0 || image.is_scratch) continue;
    if (image.resolved.empty() && image.text.value.empty()) continue;
    check_image(image, *allowed, out);
  }
  for_each_instruction(doc, [&](const model::Instruction& ins) {
    check_flag_images(ins, *allowed, out);
  });
}

}  // namespace impl_untrusted_registry

extern const Rule untrusted_registry{
    .meta = {.id = "DF033",
             .slug = "untrusted-registry",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "Image pulled from a registry outside the allow-list",
             .what = "When `allowed-registries` is configured, reports base images (`FROM`, after "
                     "ARG resolution), `COPY --from=<image>` and `RUN --mount=from=<image>` whose "
                     "registry is not in the list. Images without a registry host "
                     "(`python:3.12`) are on Docker Hub and match `docker.io`. Stage names, "
                     "`scratch` and references with an unresolved variable are not reported. "
                     "With the option empty (the default) the rule reports nothing.",
             .why = "Organisations often require images to come from registries they control or "
                    "trust (a mirror with vulnerability scanning, a vendor registry). An image "
                    "from anywhere else bypasses that review: it may be unscanned, typosquatted or "
                    "removed at any time, and its content is outside the organisation's "
                    "supply-chain controls.",
             .fix = "Pull the image through an allowed registry (for example the internal "
                    "mirror: `FROM registry.example.com/library/python:3.12`), or, if the "
                    "registry is trusted, add it to `allowed-registries` in the lintel "
                    "configuration.",
             .bad = "FROM quay.io/prometheus/busybox:glibc\n",
             .good = "FROM python:3.12-slim\n",
             .peers = impl_untrusted_registry::kPeers,
             .references = impl_untrusted_registry::kReferences,
             .options = impl_untrusted_registry::kOptions,
             .tags = impl_untrusted_registry::kTags,
             .security_severity = "5.0",
             .example_options = "allowed-registries=docker.io"},
    .check = for_format<model::DockerfileDoc, impl_untrusted_registry::check>,
};

}  // namespace lintel::rules::dockerfile
