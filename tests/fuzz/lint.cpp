// Fuzzes the whole engine on one in-memory file with every rule enabled: classification,
// parsing, every rule, inline suppressions, fingerprints. The first byte picks the file kind
// (or classification by content), the rest is the file.
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/engine.hpp"
#include "rules/registry.hpp"
#include "tests/fuzz/fuzz_common.hpp"

namespace {

const lintel::engine::Engine& engine() {
  static const lintel::engine::Engine e = [] {
    std::vector<std::string> ids;
    for (const lintel::Rule* r : lintel::rules::all_rules()) ids.emplace_back(r->meta.id.view());
    lintel::engine::EngineOptions options;
    options.jobs = 1;
    return lintel::engine::Engine(lintel::rules::all_rules(), std::move(ids), options);
  }();
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using lintel::FileKind;
  static constexpr struct {
    const char* path;
    std::optional<FileKind> kind;
  } kKinds[] = {
      {"fuzz/Dockerfile", FileKind::dockerfile},
      {"fuzz/compose.yaml", FileKind::compose},
      {"fuzz/deploy.yaml", FileKind::kubernetes},
      {"fuzz/main.tf", FileKind::terraform},
      {"fuzz/terraform.tfvars", FileKind::terraform_vars},
      {"fuzz/.github/workflows/ci.yml", FileKind::workflow},
      {"fuzz/action.yml", FileKind::action},
      {"fuzz/notes.txt", FileKind::text},
      {"fuzz/unknown.yaml", std::nullopt},
  };
  const auto& k = kKinds[data[0] % (sizeof kKinds / sizeof *kKinds)];
  const lintel::SourceFile file(k.path, lintel::fuzz::as_text(data + 1, size - 1));
  auto report = engine().lint(file, k.kind);
  (void)report;
  return 0;
}
