#include "analyzer/cli/cli.hpp"

#include <cstdio>

namespace lintel::cli {

int run(int, char**) {
  std::puts("lintel: not implemented yet");
  return 2;
}

}  // namespace lintel::cli
