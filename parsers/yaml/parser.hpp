// YAML text to model::yaml::Stream, built from libyaml's event API (not its document loader,
// which copies every aliased subtree and resolves no merge keys).
//
// - Input must be UTF-8 (a leading BOM is skipped). The text is validated first, the way
//   libyaml's reader would: libyaml decodes up to 16 KiB ahead and would fail before emitting
//   the documents that precede a bad byte. lintel instead parses everything before the first
//   invalid byte or disallowed control character and reports that byte exactly.
// - libyaml marks count code points; spans are converted to byte offsets.
// - Parse errors become diagnostics (libyaml's problem text, at its problem mark). Documents read
//   before the error are kept; the document it interrupts is kept with `complete == false`.
// - Limits stop hostile input without exhausting memory: collection nesting depth, and the
//   number of nodes aliases expand to ("billion laughs"). Both report a diagnostic and stop.
#pragma once

#include <cstdint>

#include "analyzer/model/yaml.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

struct YamlLimits {
  // Collections nested deeper than this stop the parse.
  std::uint32_t max_depth = 512;
  // Aliases may expand to at most this many nodes, counted with repetition, plus one per input
  // byte, before the parse stops. Sharing keeps aliases cheap in lintel's tree, but every rule
  // that walks the tree pays the expanded size.
  std::uint64_t alias_expansion_base = 1'000'000;
};

[[nodiscard]] ParseResult<model::yaml::Stream> parse_yaml(const SourceFile& file,
                                                          const YamlLimits& limits = {});

}  // namespace lintel::parsers
