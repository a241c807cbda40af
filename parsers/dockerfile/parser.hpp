// Dockerfile text to model::DockerfileDoc. Follows BuildKit's parser: instructions are
// case-insensitive, parser directives (`# syntax=`, `# escape=`, `# check=`) only at the very top,
// line continuations with the escape character (comment and empty lines inside them are dropped),
// heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, several per instruction), JSON (exec) and
// shell forms, flags, stages and ARG scoping.
#pragma once

#include "analyzer/model/dockerfile.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

[[nodiscard]] ParseResult<model::DockerfileDoc> parse_dockerfile(const SourceFile& file);

// Splits an image reference into registry, name, tag and digest (no variable handling).
void split_image_ref(std::string_view ref, model::ImageRef& out);

}  // namespace lintel::parsers
