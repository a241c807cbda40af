// Predicates shared by at least two Dockerfile rules.
#pragma once

#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/dockerfile.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::dockerfile {

using model::DockerfileDoc;
using model::Instruction;
using model::InstructionKind;

// --- stages, users and instruction walking (DF001-DF004, DF024-DF030) ---

// ASCII lower-casing: Dockerfile keywords, stage names and image names are ASCII.
[[nodiscard]] inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

[[nodiscard]] inline bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

// The earlier stage a stage is built FROM, or null for an external image or `scratch`. BuildKit
// matches stage names case-insensitively (it lower-cases them), so `FROM Builder` names a stage
// declared `AS builder`; the parser's `stage_ref` is the first answer, the name compare a fallback.
[[nodiscard]] inline const model::Stage* parent_stage(const DockerfileDoc& doc,
                                                      const model::Stage& stage) {
  const model::ImageRef& image = stage.image;
  if (image.stage_ref >= 0 && static_cast<std::size_t>(image.stage_ref) < stage.index &&
      static_cast<std::size_t>(image.stage_ref) < doc.stages.size())
    return &doc.stages[static_cast<std::size_t>(image.stage_ref)];
  if (image.is_scratch || image.tag || image.digest) return nullptr;
  const std::string& ref = image.resolved.empty() ? image.text.value : image.resolved;
  for (std::size_t i = 0; i < stage.index && i < doc.stages.size(); ++i) {
    const auto& name = doc.stages[i].name;
    if (name && equals_ignore_case(name->value, ref)) return &doc.stages[i];
  }
  return nullptr;
}

// Whether a stage's base image is an earlier stage of this Dockerfile.
[[nodiscard]] inline bool names_earlier_stage(const DockerfileDoc& doc, const model::Stage& stage) {
  return parent_stage(doc, stage) != nullptr;
}

// A stage followed through `FROM <earlier stage>` links: the stage itself first, then its parent,
// and so on up to the stage built from an external image. Stage references only point backwards,
// so the walk ends; the size bound guards against a malformed model.
[[nodiscard]] inline std::vector<const model::Stage*> stage_chain(const DockerfileDoc& doc,
                                                                  const model::Stage& stage) {
  std::vector<const model::Stage*> chain{&stage};
  while (chain.size() <= doc.stages.size()) {
    const model::Stage* parent = parent_stage(doc, *chain.back());
    if (parent == nullptr) break;
    chain.push_back(parent);
  }
  return chain;
}

// The last instruction of `kind` in a stage chain: the stage's own instructions first, then its
// parents' (an image inherits USER, HEALTHCHECK, CMD… from the stage it is built from).
[[nodiscard]] inline const Instruction* last_in_chain(const DockerfileDoc& doc,
                                                      const model::Stage& stage,
                                                      InstructionKind kind) {
  for (const model::Stage* s : stage_chain(doc, stage)) {
    for (auto it = s->instructions.rbegin(); it != s->instructions.rend(); ++it) {
      if (*it >= doc.instructions.size()) continue;
      const Instruction& ins = doc.instructions[*it];
      if (ins.kind == kind) return &ins;
    }
  }
  return nullptr;
}

// `stage "builder"` or `stage 2`, for messages.
[[nodiscard]] inline std::string stage_label(const model::Stage& stage) {
  if (stage.name) return fmt::format("stage \"{}\"", stage.name->value);
  return fmt::format("stage {}", stage.index);
}

// `root`, `0` (or `00`), with any group: `root:staff`, `0:0`. Linux user names are
// case-sensitive, so `ROOT` is some other user.
[[nodiscard]] inline bool is_root_user_name(std::string_view user) {
  if (user == "root") return true;
  if (user.empty()) return false;
  for (char c : user)
    if (c != '0') return false;
  return true;
}

// Calls fn(instruction) for each instruction, and for the instruction an ONBUILD wraps right
// after its ONBUILD (hadolint applies its checks to ONBUILD triggers too).
template <class Fn>
void for_each_instruction(const DockerfileDoc& doc, Fn&& fn) {
  for (const Instruction& ins : doc.instructions) {
    fn(ins);
    for (const Instruction& wrapped : ins.onbuild) fn(wrapped);
  }
}

// --- ADD and COPY sources (DF007, DF008) ---

// The source words of an ADD or COPY: every word but the destination. Empty when malformed.
[[nodiscard]] inline std::span<const Scalar<std::string>> copy_sources(
    const Instruction& ins) {
  if (ins.words.size() < 2) return {};
  return std::span<const Scalar<std::string>>(ins.words).first(ins.words.size() - 1);
}

}  // namespace lintel::rules::dockerfile
