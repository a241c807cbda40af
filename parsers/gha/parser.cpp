#include "parsers/gha/parser.hpp"

#include "parsers/yaml/parser.hpp"

namespace lintel::parsers {

ParseResult<model::WorkflowDoc> parse_workflow(const SourceFile& file) {
  auto yaml = parse_yaml(file);
  ParseResult<model::WorkflowDoc> out;
  out.doc.yaml = std::move(yaml.doc);
  out.diagnostics = std::move(yaml.diagnostics);
  return out;
}

}  // namespace lintel::parsers
