// DF021 workdir-relative: a WORKDIR whose path is relative.
//
// The path is the first word of the instruction (quotes removed, so `WORKDIR "/app"` is the
// absolute `/app`). It is absolute when it starts with `/`, or with a Windows drive letter and
// colon (`C:\`, `C:/`; like hadolint, `C:` alone is enough, see is_windows_drive_path). In a
// file whose escape directive is a backtick (the Windows convention), a leading `\` is the root
// of the current drive and counts as absolute too; with the default escape character a leading
// backslash is an escape, not a path separator.
// A path that starts with a variable (`$HOME/app`, `${APP_DIR}`) is judged by its expansion when
// every variable in it has a value in this file (an ARG or ENV default): `ARG DIR=app` then
// `WORKDIR $DIR` is relative. When a variable is unknown (it comes from the base image or a
// build argument without default), the path is not reported, like hadolint DL3000 which skips
// every `$`-prefixed path: guessing would be a false positive. A variable later in the path
// (`app/$VERSION`) does not help.
// `ONBUILD WORKDIR` is checked too: it runs in every child build.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_workdir_relative {

constexpr PeerId kPeers[] = {{"hadolint", "DL3000"},
                             {"checkov", "CKV_DOCKER_10"},
                             {"kics", "6b376af8"},
                             {"trivy", "DS-0009"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#workdir",
    "https://docs.docker.com/build/building/best-practices/#workdir",
    "https://github.com/hadolint/hadolint/wiki/DL3000",
};
constexpr std::string_view kTags[] = {"best-practice", "maintainability"};

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `C:\app`, `C:/app`, and also `C:app`: with the default escape character the backslash of
// `C:\app` may have been consumed as an escape, so only the drive prefix is required.
bool is_windows_drive_path(std::string_view path) {
  return path.size() >= 2 && is_ascii_letter(path[0]) && path[1] == ':';
}

bool is_absolute(std::string_view path, char escape) {
  if (path.starts_with('/')) return true;
  if (escape != '\\' && path.starts_with('\\')) return true;
  return is_windows_drive_path(path);
}

std::string_view unquoted(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}

void check_workdir(const model::Instruction& ins, char escape, Reporter& out) {
  if (ins.words.empty()) return;
  const Scalar<std::string>& path = ins.words.front();
  if (path.value.empty() || is_absolute(path.value, escape)) return;
  if (!path.value.starts_with('$')) {
    out.report(path.span, fmt::format("WORKDIR \"{}\" is a relative path: it depends on the "
                                      "working directory left by earlier instructions",
                                      path.value));
    return;
  }
  // `$DIR` is judged by its value when every variable has one in this file (ARG/ENV defaults).
  const std::string_view value = unquoted(ins.expanded);
  if (ins.unresolved || value.empty() || value.starts_with('$') || is_absolute(value, escape))
    return;
  out.report(path.span,
             fmt::format("WORKDIR \"{}\" expands to the relative path \"{}\"", path.value, value));
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const model::Instruction& ins : doc.instructions) {
    if (ins.kind == model::InstructionKind::workdir) check_workdir(ins, doc.escape, out);
    if (ins.kind == model::InstructionKind::onbuild && !ins.onbuild.empty() &&
        ins.onbuild.front().kind == model::InstructionKind::workdir)
      check_workdir(ins.onbuild.front(), doc.escape, out);
  }
}

}  // namespace impl_workdir_relative

extern const Rule workdir_relative{
    .meta = {.id = "DF021",
             .slug = "workdir-relative",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "WORKDIR uses a relative path",
             .what = "Reports a `WORKDIR` (also under `ONBUILD`) whose path is relative: it does "
                     "not start with `/`, nor with a Windows drive such as `C:\\`. Quotes are "
                     "ignored (`\"/app\"` is absolute). A path that starts with a variable "
                     "(`$APP_DIR/x`) is judged by its value when the variables have one in the "
                     "file (an `ARG` or `ENV` default) and is not reported otherwise, since its "
                     "value is not known statically. In a file whose `escape` directive is a "
                     "backtick (the Windows convention), a leading `\\` is accepted as the root "
                     "of the current drive.",
             .why = "A relative `WORKDIR` is resolved against the working directory left by the "
                    "previous `WORKDIR`, possibly one set in the base image. The resulting "
                    "directory changes when the base image or an earlier instruction changes, "
                    "so files end up in unexpected places and `COPY`, `RUN` and `CMD` break "
                    "without any error at the `WORKDIR` itself.",
             .fix = "Write the full path: `WORKDIR /app` instead of `WORKDIR app`. When the "
                    "path is configurable, build it from an absolute variable, e.g. "
                    "`ARG APP_DIR=/app` then `WORKDIR $APP_DIR`.",
             .bad = "FROM alpine:3.20\n"
                    "WORKDIR app\n",
             .good = "FROM alpine:3.20\n"
                     "WORKDIR /app\n",
             .peers = impl_workdir_relative::kPeers,
             .references = impl_workdir_relative::kReferences,
             .tags = impl_workdir_relative::kTags},
    .check = for_format<model::DockerfileDoc, impl_workdir_relative::check>,
};

}  // namespace lintel::rules::dockerfile
