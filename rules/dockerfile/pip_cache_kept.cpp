// DF015 pip-cache-kept: `pip install` that leaves pip's download cache in the layer.
//
// Commands: `pip`, `pip3`, `pip3.12`, `python -m pip`, `python3 -m pip` with `install`, anywhere
// in a RUN script (heredocs, `ONBUILD RUN`, `sh -c`, behind `sudo`/`env`). Every such install
// is reported unless the cache is off or kept out of the layer:
// - `--no-cache-dir` on the command;
// - `PIP_NO_CACHE_DIR` set: as a prefix assignment (`PIP_NO_CACHE_DIR=1 pip install`, also via
//   `env`), by `export PIP_NO_CACHE_DIR=…` earlier in the same RUN, by an `ENV` or `ARG` with a
//   value earlier in the stage (both reach RUN as environment variables), or by an `ENV`
//   anywhere in a stage it is built `FROM`. Any value counts: pip turns its cache off for every
//   value it accepts, even `0`/`false` (kept for backward compatibility). Divergence: hadolint
//   DL3042 accepts only truthy values, so it reports `PIP_NO_CACHE_DIR=false`, which is wrong;
// - a BuildKit `--mount=type=cache` or `type=tmpfs` on the cache directory: a target containing
//   `.cache/pip`, or ending in `/.cache` (the whole cache home, e.g. `/root/.cache`).
// `pip install -r requirements.txt` caches downloads like any other install and is reported.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_pip_cache_kept {

constexpr PeerId kPeers[] = {{"hadolint", "DL3042"}, {"kics", "f2f903fb"}};
constexpr std::string_view kReferences[] = {
    "https://pip.pypa.io/en/stable/topics/caching/",
    "https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
    "https://github.com/hadolint/hadolint/wiki/DL3042",
};
constexpr std::string_view kTags[] = {"best-practice"};

constexpr std::string_view kVariable = "PIP_NO_CACHE_DIR";

bool is_setting(std::string_view assignment) {
  return assignment.size() > kVariable.size() && assignment.starts_with(kVariable) &&
         assignment[kVariable.size()] == '=';
}

// ENV persists into the stages built FROM this one; ARG only lasts until the end of its stage.
bool sets_variable(const model::Instruction& ins, bool arg_counts) {
  const bool kind_counts = ins.kind == model::InstructionKind::env ||
                           (arg_counts && ins.kind == model::InstructionKind::arg);
  if (!kind_counts) return false;
  for (const model::KeyValue& kv : ins.pairs)
    if (kv.key.value == kVariable && kv.value) return true;
  return false;
}

// Whether an ENV/ARG sets the variable before instruction `before` in `stage`, or an ENV does
// anywhere in the stages it is built from.
bool stage_sets_variable(const model::DockerfileDoc& doc, int stage, std::uint32_t before) {
  for (int guard = 0; stage >= 0 && static_cast<std::size_t>(stage) < doc.stages.size() &&
                      guard <= static_cast<int>(doc.stages.size());
       ++guard) {
    const bool own_stage = guard == 0;
    for (const std::uint32_t i : doc.stages[stage].instructions)
      if (i < before && i < doc.instructions.size() &&
          sets_variable(doc.instructions[i], own_stage))
        return true;
    before = static_cast<std::uint32_t>(doc.instructions.size());  // ancestors: all of it
    stage = doc.stages[stage].image.stage_ref;
  }
  return false;
}

bool mounts_pip_cache(const model::Instruction& run) {
  bool found = false;
  for_each_cache_mount(run, [&](std::string_view target) {
    while (target.size() > 1 && target.ends_with('/')) target.remove_suffix(1);
    if (target.find(".cache/pip") != std::string_view::npos || target.ends_with("/.cache") ||
        target == ".cache")
      found = true;
  });
  return found;
}

bool has_prefix_setting(const CommandView& view) {
  for (const model::ShellWord& a : view.command->assignments)
    if (is_setting(a.value)) return true;
  // Words skipped before the effective command, e.g. `env PIP_NO_CACHE_DIR=1 pip install`.
  for (const model::ShellWord& a : view.command->args) {
    if (&a == view.name) break;
    if (is_setting(a.value)) return true;
  }
  return false;
}

bool exports_setting(const model::ShellCommand& cmd) {
  if (cmd.name.value != "export") return false;
  for (const model::ShellWord& a : cmd.args)
    if (is_setting(a.value)) return true;
  return false;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    if (mounts_pip_cache(*run.run) || stage_sets_variable(doc, run.top->stage, run.index))
      continue;
    bool exported = false;
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellCommand& cmd : script.commands) {
        if (exports_setting(cmd)) exported = true;
        const auto view = effective_command(cmd);
        if (!view || exported) continue;
        const auto pip_args = pip_arguments(*view);
        if (!pip_args) continue;
        const bool via_python = pip_args->data() != view->args.data();
        const ParsedArgs args = parse_args(*pip_args, kPipSyntax);
        if (args.subcommand() != "install" || args.has_flag(0, "no-cache-dir") ||
            has_prefix_setting(*view))
          continue;
        out.report(command_span(*view, *args.operands.front()),
                   fmt::format("\"{}{} install\" keeps its download cache in the layer "
                               "(no --no-cache-dir)",
                               view->name->value, via_python ? " -m pip" : ""));
      }
    }
  }
}

}  // namespace impl_pip_cache_kept

extern const Rule pip_cache_kept{
    .meta = {.id = "DF015",
             .slug = "pip-cache-kept",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "pip install without --no-cache-dir",
             .what = "Reports `pip install` (also `pip3`, `python -m pip`) in a `RUN` instruction "
                     "without `--no-cache-dir`. Not reported when `PIP_NO_CACHE_DIR` is set for "
                     "the command (prefix assignment, `export` earlier in the same `RUN`, or an "
                     "`ENV`/`ARG` earlier in the stage or in a stage it is built from), or when "
                     "the `RUN` has a BuildKit cache or tmpfs mount on pip's cache directory "
                     "(`/root/.cache/pip`).",
             .why = "pip keeps every downloaded wheel and source archive in `~/.cache/pip`. In "
                    "an image nothing ever reuses that cache, but it stays in the layer, often "
                    "adding tens or hundreds of megabytes.",
             .fix = "Add `--no-cache-dir` to each `pip install`, or set `ENV "
                    "PIP_NO_CACHE_DIR=1` once per stage. With BuildKit, `RUN "
                    "--mount=type=cache,target=/root/.cache/pip pip install …` keeps the cache "
                    "between builds without putting it in the image.",
             .bad = "FROM python:3.12-slim\n"
                    "RUN pip install flask==3.0.3\n",
             .good = "FROM python:3.12-slim\n"
                     "RUN pip install --no-cache-dir flask==3.0.3\n",
             .peers = impl_pip_cache_kept::kPeers,
             .references = impl_pip_cache_kept::kReferences,
             .tags = impl_pip_cache_kept::kTags},
    .check = for_format<model::DockerfileDoc, impl_pip_cache_kept::check>,
};

}  // namespace lintel::rules::dockerfile
