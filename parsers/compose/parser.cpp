#include "parsers/compose/parser.hpp"

#include "parsers/yaml/parser.hpp"

namespace lintel::parsers {

ParseResult<model::ComposeDoc> parse_compose(const SourceFile& file, const FileReader&) {
  auto yaml = parse_yaml(file);
  ParseResult<model::ComposeDoc> out;
  out.doc.yaml = std::move(yaml.doc);
  out.diagnostics = std::move(yaml.diagnostics);
  return out;
}

}  // namespace lintel::parsers
