// Fuzzes the baseline reader (a SARIF log or a lintel JSON report, through nlohmann::json).
#include "analyzer/cli/baseline.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto result = lintel::cli::read_baseline(lintel::fuzz::as_text(data, size));
  (void)result;
  return 0;
}
