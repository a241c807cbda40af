// Build-time generator: writes the C++ source of every registered rule's SARIF reportingDescriptor,
// rendered by sarif::render_descriptor for sarif::kDocsBaseUri, in registry order. lintel copies
// these into its SARIF logs instead of rendering 125 help pages in every run (see
// sarif::use_prerendered_descriptors). Usage: lintel_gen_descriptors OUTPUT.cpp
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "rules/registry.hpp"
#include "sarif/sarif.hpp"

namespace {

// A C++ string literal of `text`, cut into lines at its own line breaks. Octal escapes (at most
// three digits, so the next character can never extend one) for every byte that is not printable
// ASCII.
void append_literal(std::string& out, std::string_view text) {
  out += "    \"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n\"\n    \"";
    } else if (u < 0x20 || u >= 0x7F || c == '?') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lintel_gen_descriptors OUTPUT.cpp\n";
    return 2;
  }
  lintel::sarif::RunInfo info;
  info.docs_base_uri = std::string(lintel::sarif::kDocsBaseUri);
  const auto rules = lintel::rules::all_rules();
  std::string out =
      "// Generated at build time by sarif/gen/gen_descriptors.cpp from the rule registry: do not\n"
      "// edit. Each rule's SARIF reportingDescriptor for sarif::kDocsBaseUri, in registry order.\n"
      "#include \"sarif/gen/rule_descriptors.hpp\"\n\nnamespace lintel::generated {\n\n";
  out += "extern const std::size_t kRuleDescriptorCount = " + std::to_string(rules.size()) + ";\n\n";
  out += "extern const std::string_view kRuleDescriptorIds[] = {\n";
  for (const lintel::Rule* r : rules) {
    append_literal(out, r->meta.id.view());
    out += ",\n";
  }
  out += "};\n\nextern const std::string_view kRuleDescriptorTexts[] = {\n";
  for (const lintel::Rule* r : rules) {
    std::string text;
    lintel::sarif::render_descriptor(text, r->meta, info);
    append_literal(out, text);
    out += ",\n";
  }
  out += "};\n\n}  // namespace lintel::generated\n";
  std::ofstream file(argv[1], std::ios::binary);
  file << out;
  file.close();
  if (!file) {
    std::cerr << "lintel_gen_descriptors: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
