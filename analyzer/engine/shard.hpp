// `lintel scan --shard K/N`: a deterministic 1/N of the discovered files, so N machines (a CI
// matrix, a Kubernetes Indexed Job) can each lint a part and `lintel merge` joins the reports.
//
// Files are grouped into units and a unit goes to shard hash64(unit) % N + 1, so the choice
// depends only on the unit's path, never on the file list, the machine or the run:
//   - a Terraform module (every .tf/.tfvars file of one folder) is one unit, "tf:<folder>";
//   - a compose file is a unit, "compose:<path>", and the Dockerfiles its services build join it
//     (a Dockerfile built by several compose files joins the first of them by path);
//   - any other file is its own unit, its path.
// Grouping keeps each unit's cross-file work (parsing a module, a linked Dockerfile) on one
// machine; the findings of a file do not depend on it, since the engine reads linked files itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/discovery.hpp"

namespace lintel::engine {

struct ShardSpec {
  unsigned index = 1;  // 1-based
  unsigned count = 1;
};

// "K/N" with 1 <= K <= N <= 4096; nullopt for anything else ("0/4", "5/4", "x", "2/").
[[nodiscard]] std::optional<ShardSpec> parse_shard(std::string_view text);

// The unit of every file of `files` (same order). Reads compose files (of any name the
// classifier recognises by content) to find the Dockerfiles they build; files larger than
// `max_file_size` are not read.
[[nodiscard]] std::vector<std::string> shard_units(const std::vector<FileEntry>& files,
                                                   std::uint64_t max_file_size);

// The 1-based shard of a unit among `count`.
[[nodiscard]] unsigned shard_of(std::string_view unit, unsigned count);

// The files of `files` that belong to shard `spec`, in their original order.
[[nodiscard]] std::vector<FileEntry> select_shard(const std::vector<FileEntry>& files,
                                                  const ShardSpec& spec,
                                                  std::uint64_t max_file_size);

}  // namespace lintel::engine
