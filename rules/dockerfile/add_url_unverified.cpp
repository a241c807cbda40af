// DF008 add-url-unverified: ADD downloads a file over HTTP(S) without `--checksum`.
//
// Every http:// or https:// source of an ADD (also inside ONBUILD) is reported, on the URL, when
// the instruction has no `--checksum` flag (BuildKit, Dockerfile syntax 1.6+). A URL with a
// variable in it is still a URL and is reported. Kept simple on purpose:
// - git sources (`git@…`, `git://…`, URLs ending in `.git`, or ADD with `--keep-git-dir`) are not
//   reported: `--checksum` is not how they are pinned, a commit in the `#ref` is;
// - a source that is only a variable (`ADD $URL /x`) is not known to be a URL and is skipped;
// - TLS is not judged: `https://` without a checksum is reported like `http://`, since HTTPS
//   authenticates the server, not the file (a re-published release keeps its URL).
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_add_url_unverified {

constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#add---checksum",
    "https://docs.docker.com/build/building/best-practices/#add-or-copy",
    "https://cwe.mitre.org/data/definitions/494.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "security"};

// A git repository rather than a file: `git@…`, `git://…`, or a URL whose path ends in `.git`
// (before a `#ref` or `?query`). BuildKit clones these instead of downloading them.
bool is_git_source(std::string_view source) {
  const std::string lower = ascii_lower(source);
  if (lower.starts_with("git@") || lower.starts_with("git://")) return true;
  std::string_view path = lower;
  path = path.substr(0, path.find_first_of("#?"));
  while (path.ends_with('/')) path.remove_suffix(1);
  return path.ends_with(".git");
}

bool is_http_url(std::string_view source) {
  const std::string lower = ascii_lower(source.substr(0, 8));
  return lower.starts_with("http://") || lower.starts_with("https://");
}

void check_one(const Instruction& ins, Reporter& out) {
  if (ins.kind != InstructionKind::add) return;
  if (ins.flag("checksum") != nullptr || ins.flag("keep-git-dir") != nullptr) return;
  for (const auto& source : copy_sources(ins)) {
    if (!is_http_url(source.value) || is_git_source(source.value)) continue;
    out.report(source.span,
               fmt::format("ADD downloads \"{}\" without --checksum, so its content is not verified",
                           source.value));
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_instruction(doc, [&out](const Instruction& ins) { check_one(ins, out); });
}

}  // namespace impl_add_url_unverified

extern const Rule add_url_unverified{
    .meta = {.id = "DF008",
             .slug = "add-url-unverified",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "ADD downloads a URL without --checksum",
             .what = "Reports each `http://` or `https://` source of an `ADD` instruction (also "
                     "inside `ONBUILD`) that has no `--checksum=` flag. Git sources (`git@…`, "
                     "URLs ending in `.git`) are not reported: they are pinned by a commit in "
                     "their `#ref`, not by a checksum.",
             .why = "Whatever the server returns at build time goes into the image. If the file "
                    "is replaced, by a compromised server, a hijacked account or a re-published "
                    "release, the build silently ships different code. HTTPS proves who the "
                    "server is, not what the file contains; a checksum makes the build fail "
                    "instead.",
             .fix = "Add the expected digest: `ADD --checksum=sha256:<hex> https://… /dest` "
                    "(requires `# syntax=docker/dockerfile:1.6` or later with BuildKit). Without "
                    "BuildKit, download in a `RUN` step and verify with `sha256sum -c`.",
             .bad = "FROM alpine:3.20\n"
                    "ADD https://example.com/tool-1.2.3.tar.gz /opt/\n",
             .good = "FROM alpine:3.20\n"
                     "ADD --checksum=sha256:"
                     "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                     "https://example.com/tool-1.2.3.tar.gz /opt/\n",
             .references = impl_add_url_unverified::kReferences,
             .tags = impl_add_url_unverified::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::DockerfileDoc, impl_add_url_unverified::check>,
};

}  // namespace lintel::rules::dockerfile
