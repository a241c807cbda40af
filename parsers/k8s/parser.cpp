#include "parsers/k8s/parser.hpp"

#include "parsers/yaml/parser.hpp"

namespace lintel::parsers {

ParseResult<model::K8sDoc> parse_k8s(const SourceFile& file) {
  auto yaml = parse_yaml(file);
  ParseResult<model::K8sDoc> out;
  out.doc.yaml = std::move(yaml.doc);
  out.diagnostics = std::move(yaml.diagnostics);
  return out;
}

}  // namespace lintel::parsers
