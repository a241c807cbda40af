// Fuzzes the secrets scanner (keyword automaton, detectors, checks). The first byte picks the
// file name, since detectors depend on it (lockfiles, kubeconfig, .env).
#include "parsers/secrets/scanner.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr const char* kNames[] = {"app/config.env", "package-lock.json", ".kube/config",
                                           "src/main.py", "id_rsa", "values.yaml"};
  const char* name = kNames[data[0] % (sizeof kNames / sizeof *kNames)];
  const lintel::SourceFile file(name, lintel::fuzz::as_text(data + 1, size - 1));
  lintel::parsers::SecretScanOptions options;
  options.generic_in_lockfiles = (data[0] & 0x80) != 0;
  auto scan = lintel::parsers::scan_secrets(file, options);
  (void)scan;
  return 0;
}
