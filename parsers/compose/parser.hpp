// YAML text to model::ComposeDoc, through parsers/yaml's positioned tree. TODO(#3)
#pragma once

#include "analyzer/model/compose.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

// `read` loads the `.env` beside the file and `extends`/`include` targets; paths passed to it are
// the compose file's directory joined with the relative path.
[[nodiscard]] ParseResult<model::ComposeDoc> parse_compose(const SourceFile& file,
                                                           const FileReader& read = {});

}  // namespace lintel::parsers
