#include "analyzer/cli/cli.hpp"

int main(int argc, char** argv) { return lintel::cli::run(argc, argv); }
