// Fuzzes the typed YAML models: the first byte picks compose, Kubernetes or Actions; the rest is
// the file. Compose runs with a reader that finds no other file.
#include <optional>

#include "parsers/compose/parser.hpp"
#include "parsers/gha/parser.hpp"
#include "parsers/k8s/parser.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned kind = data[0] % 4;
  std::string text = lintel::fuzz::as_text(data + 1, size - 1);
  switch (kind) {
    case 0: {
      const lintel::SourceFile file("compose.yaml", std::move(text));
      auto r = lintel::parsers::parse_compose(file);
      (void)r;
      break;
    }
    case 1: {
      // With a reader: `.env`, `extends` and `include` targets read back the same text.
      const lintel::SourceFile file("dir/compose.yaml", text);
      const lintel::parsers::FileReader read = [&](const std::string&) -> std::optional<std::string> {
        return text;
      };
      auto r = lintel::parsers::parse_compose(file, read);
      (void)r;
      break;
    }
    case 2: {
      const lintel::SourceFile file("deploy.yaml", std::move(text));
      auto r = lintel::parsers::parse_k8s(file);
      (void)r;
      break;
    }
    default: {
      const lintel::SourceFile file(".github/workflows/ci.yml", std::move(text));
      auto r = lintel::parsers::parse_workflow(file);
      (void)r;
      break;
    }
  }
  return 0;
}
