// DF007 add-instead-of-copy: ADD used where COPY does the same job.
//
// An ADD is reported, on its first offending source, when a source is a local file or folder
// that ADD does nothing special with. Left alone, like hadolint DL3020:
// - remote sources (`https://…`, `git@…`): COPY cannot fetch them (DF008 checks their checksum);
// - local archives, by extension (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tbz2`, `.tar.xz`,
//   `.txz`, `.tar.zst`, and the bare compression suffixes `.gz`, `.bz2`, `.xz`, `.lz`, `.lzma`,
//   `.Z`, `.zst`), because ADD extracts them. `.zip` is reported: ADD does not extract zip files;
// - sources that hold a variable (`ADD $ARTIFACT /opt/`): the value may well be an archive.
// A heredoc source (`ADD <<EOF /etc/motd`) is reported: COPY accepts heredocs the same way.
// `ONBUILD ADD` is checked too. Checkov CKV_DOCKER_4 reports every ADD; lintel does not, since
// ADD is the only instruction that extracts archives and fetches URLs.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_add_instead_of_copy {

constexpr PeerId kPeers[] = {{"hadolint", "DL3020"},
                             {"checkov", "CKV_DOCKER_4"},
                             {"kics", "9513a694"},
                             {"trivy", "DS-0005"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#add-or-copy",
    "https://docs.docker.com/reference/dockerfile/#add",
    "CIS Docker Benchmark 4.9: Ensure that COPY is used instead of ADD in Dockerfiles",
    "https://github.com/hadolint/hadolint/wiki/DL3020",
};
constexpr std::string_view kTags[] = {"best-practice"};

// Suffixes of files ADD may auto-extract (identity, gzip, bzip2, xz, zstd tarballs).
constexpr std::string_view kArchiveSuffixes[] = {
    ".tar", ".tgz", ".tb2", ".tbz", ".tbz2", ".tlz", ".tpz", ".txz", ".tzst", ".tz",
    ".gz",  ".bz2", ".xz",  ".lz",  ".lzma", ".z",   ".zst",
};

// A source ADD fetches over the network: any `scheme://` URL or an scp-style `git@host:repo`.
bool is_remote_source(std::string_view source) {
  return source.find("://") != std::string_view::npos || source.starts_with("git@");
}

bool is_archive(std::string_view source) {
  const std::string lower = ascii_lower(source);
  for (const std::string_view suffix : kArchiveSuffixes)
    if (std::string_view(lower).ends_with(suffix)) return true;
  return false;
}

bool is_heredoc_source(std::string_view source) { return source.starts_with("<<"); }

// The first source COPY could take instead, or null.
const Scalar<std::string>* local_source(const Instruction& ins) {
  for (const auto& source : copy_sources(ins)) {
    const std::string& s = source.value;
    if (is_heredoc_source(s)) return &source;
    if (is_remote_source(s) || is_archive(s) || s.find('$') != std::string::npos) continue;
    return &source;
  }
  return nullptr;
}

void check_one(const Instruction& ins, Reporter& out) {
  if (ins.kind != InstructionKind::add) return;
  const Scalar<std::string>* source = local_source(ins);
  if (source == nullptr) return;
  if (is_heredoc_source(source->value)) {
    out.report(source->span, "ADD of a heredoc does nothing COPY does not; use COPY");
  } else {
    out.report(source->span,
               fmt::format("ADD of the local path \"{}\" does nothing COPY does not; use COPY",
                           source->value));
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_instruction(doc, [&out](const Instruction& ins) { check_one(ins, out); });
}

}  // namespace impl_add_instead_of_copy

extern const Rule add_instead_of_copy{
    .meta = {.id = "DF007",
             .slug = "add-instead-of-copy",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "ADD used to copy local files",
             .what = "Reports `ADD` instructions (also inside `ONBUILD`) that copy local files, "
                     "folders or heredocs, which `COPY` does in the same way. `ADD` of a URL, of "
                     "a git repository and of a local tar archive (`.tar`, `.tar.gz`, `.tgz`, "
                     "`.tar.xz`, …), which `ADD` extracts, is not reported; a `.zip` is, since "
                     "`ADD` does not extract it. Sources given by a variable are not reported.",
             .why = "`ADD` has side effects that `COPY` has not: it downloads URLs and silently "
                    "unpacks anything that looks like a tar archive. Using it for plain files "
                    "hides which of those behaviours the author relied on, and a file that "
                    "becomes an archive later is suddenly extracted into the image. `COPY` says "
                    "exactly what happens.",
             .fix = "Replace `ADD` with `COPY` for local files and folders. Keep `ADD` only to "
                    "extract a local tar archive, or to fetch a URL with `--checksum`.",
             .bad = "FROM python:3.12-slim\n"
                    "ADD requirements.txt /app/\n",
             .good = "FROM python:3.12-slim\n"
                     "COPY requirements.txt /app/\n"
                     "ADD vendor.tar.gz /opt/\n",
             .peers = impl_add_instead_of_copy::kPeers,
             .references = impl_add_instead_of_copy::kReferences,
             .tags = impl_add_instead_of_copy::kTags},
    .check = for_format<model::DockerfileDoc, impl_add_instead_of_copy::check>,
};

}  // namespace lintel::rules::dockerfile
