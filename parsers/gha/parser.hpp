// YAML text to model::WorkflowDoc, through parsers/yaml's positioned tree. TODO(#3)
#pragma once

#include "analyzer/model/gha.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

[[nodiscard]] ParseResult<model::WorkflowDoc> parse_workflow(const SourceFile& file);

}  // namespace lintel::parsers
