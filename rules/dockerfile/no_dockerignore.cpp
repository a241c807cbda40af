// DF032 no-dockerignore: the whole build context is copied while nothing filters it.
//
// A `COPY` or `ADD` whose source is the context root (`.`, `./`, `/`, `./.`) or everything in it
// (`*`, `./*`) copies whatever lies in the context directory: `.git`, local `.env` files, build
// output, credentials. That is only reported when no ignore file exists beside the Dockerfile:
// neither `.dockerignore` nor the Dockerfile-specific `<name>.dockerignore` that BuildKit reads
// first (`Dockerfile.dockerignore`, `api.Dockerfile.dockerignore`), nor Podman/Buildah's
// `.containerignore`.
// Assumption: the build context is the Dockerfile's directory, the common `docker build .`
// layout. A Dockerfile built with a different context (`-f docker/Dockerfile .`) is reported
// when its own folder lacks the ignore file even if the context root has one; the finding is
// `info` for that reason.
// Not reported: `COPY --from=…` (reads another stage or image, not the context), heredoc
// sources, a COPY with `--exclude` (the author filters explicitly), and `ONBUILD COPY .`,
// which reads the context of the child build. One finding per Dockerfile, at the first source.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_no_dockerignore {

constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/concepts/context/#dockerignore-files",
    "https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore",
    "https://cwe.mitre.org/data/definitions/538.html",
};
constexpr std::string_view kTags[] = {"security", "best-practice"};

// `.`, `./`, `/`, `./.`, `.//`: every `/`-separated segment is empty or `.`.
bool is_context_root(std::string_view source) {
  if (source.empty()) return false;
  std::size_t start = 0;
  while (start <= source.size()) {
    const auto end = std::min(source.find('/', start), source.size());
    const std::string_view segment = source.substr(start, end - start);
    if (!segment.empty() && segment != ".") return false;
    start = end + 1;
  }
  return true;
}

// The whole context: its root, or a lone `*` in it (`*`, `./*`).
bool copies_whole_context(std::string_view source) {
  if (source.ends_with("*")) {
    const std::string_view dir = source.substr(0, source.size() - 1);
    return dir.empty() || is_context_root(dir);
  }
  return is_context_root(source);
}

// The first source word of a context COPY/ADD that copies the whole context, or null.
const Scalar<std::string>* whole_context_source(const model::Instruction& ins) {
  if (ins.kind != model::InstructionKind::copy && ins.kind != model::InstructionKind::add)
    return nullptr;
  if (ins.flag("from") != nullptr || ins.flag("exclude") != nullptr || !ins.heredocs.empty())
    return nullptr;
  if (ins.words.size() < 2) return nullptr;  // the last word is the destination
  for (std::size_t i = 0; i + 1 < ins.words.size(); ++i)
    if (copies_whole_context(ins.words[i].value)) return &ins.words[i];
  return nullptr;
}

std::string_view file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void check(const model::DockerfileDoc& doc, const RuleContext& ctx, Reporter& out,
           const Document& document) {
  const Scalar<std::string>* source = nullptr;
  const model::Instruction* instruction = nullptr;
  for (const model::Instruction& ins : doc.instructions) {
    source = whole_context_source(ins);
    if (source != nullptr) {
      instruction = &ins;
      break;
    }
  }
  if (source == nullptr) return;
  const std::string specific = fmt::format("{}.dockerignore", file_name(document.source.path()));
  if (ctx.project.sibling_exists(document, ".dockerignore") ||
      ctx.project.sibling_exists(document, specific) ||
      ctx.project.sibling_exists(document, ".containerignore"))
    return;
  out.report(source->span,
             fmt::format("{} \"{}\" copies the whole build context, and no .dockerignore (or "
                         "{}) filters it",
                         instruction->keyword.value, source->value, specific));
}

}  // namespace impl_no_dockerignore

extern const Rule no_dockerignore{
    .meta = {.id = "DF032",
             .slug = "no-dockerignore",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "COPY of the whole build context without a .dockerignore",
             .what = "Reports the first `COPY .` or `ADD .` (also `./`, `/`, `*`) of a "
                     "Dockerfile when there is no `.dockerignore` beside it, nor a "
                     "Dockerfile-specific ignore file (`Dockerfile.dockerignore`, "
                     "`<name>.Dockerfile.dockerignore`), nor Podman's `.containerignore`. "
                     "`COPY --from=…`, `COPY --exclude=…`, heredoc sources and `ONBUILD COPY` "
                     "are not reported. The check assumes the build context is the Dockerfile's "
                     "directory.",
             .why = "Copying the context root copies everything in it: the `.git` folder, local "
                    "`.env` files and credentials, editor and build leftovers. Secrets end up in "
                    "an image layer where anyone who can pull the image can read them, the image "
                    "grows, and every unrelated file change invalidates the layer cache.",
             .fix = "Add a `.dockerignore` next to the Dockerfile that excludes at least `.git`, "
                    "`.env*`, dependency and build folders (`node_modules`, `target`, `dist`), "
                    "or copy only the files the image needs (`COPY src/ ./src/`).",
             .bad = "FROM node:22-alpine\n"
                    "WORKDIR /app\n"
                    "COPY . .\n",
             .good = "FROM node:22-alpine\n"
                     "WORKDIR /app\n"
                     "COPY package.json package-lock.json ./\n"
                     "COPY src/ ./src/\n",
             .references = impl_no_dockerignore::kReferences,
             .tags = impl_no_dockerignore::kTags,
             .security_severity = "3.0",
             .example_path = "examples/no-dockerignore/Dockerfile"},
    .check = for_format<model::DockerfileDoc, impl_no_dockerignore::check>,
};

}  // namespace lintel::rules::dockerfile
