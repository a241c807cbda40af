// YAML text to model::K8sDoc, through parsers/yaml's positioned tree. TODO(#3)
#pragma once

#include "analyzer/model/k8s.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

[[nodiscard]] ParseResult<model::K8sDoc> parse_k8s(const SourceFile& file);

}  // namespace lintel::parsers
