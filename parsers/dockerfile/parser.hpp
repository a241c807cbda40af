// Dockerfile text to model::DockerfileDoc. Follows BuildKit's parser: instructions are
// case-insensitive, parser directives (`# syntax=`, `# escape=`, `# check=`) only at the very top,
// line continuations with the escape character (comment and empty lines inside them are dropped),
// heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, several per instruction), JSON (exec) and
// shell forms, flags, stages and ARG scoping.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "analyzer/model/dockerfile.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

// `build_args` (from config, like `docker build --build-arg`) override the defaults of the ARGs
// they name; an ARG the file never declares is not visible. Never throws.
[[nodiscard]] ParseResult<model::DockerfileDoc> parse_dockerfile(
    const SourceFile& file, const std::map<std::string, std::string>* build_args = nullptr);

// Splits an image reference into registry, name, tag and digest (no variable handling).
void split_image_ref(std::string_view ref, model::ImageRef& out);

}  // namespace lintel::parsers
