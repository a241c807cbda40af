// YAML text to model::ComposeDoc, through parsers/yaml's positioned tree: interpolation with the
// `.env` beside the file, `extends` (same file and other files) and `include:` resolved. See
// parser.cpp for the merge rules and analyzer/model/compose.hpp for what rules can rely on.
#pragma once

#include "analyzer/model/compose.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

// `read` loads the `.env` beside the file and `extends`/`include` targets; paths passed to it are
// the compose file's directory joined with the relative path. Without a reader the file is
// parsed on its own (no `.env`, no other files). Never throws on malformed input.
[[nodiscard]] ParseResult<model::ComposeDoc> parse_compose(const SourceFile& file,
                                                           const FileReader& read = {});

}  // namespace lintel::parsers
