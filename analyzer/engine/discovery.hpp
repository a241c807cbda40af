// Turns the command line's paths into the sorted list of files to scan.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/model/document.hpp"

namespace lintel::engine {

struct FileEntry {
  std::string path;        // as reported: relative to the working directory when inside it
  std::string fs_path;     // what to open
  bool explicit_ = false;  // named on the command line (always scanned)
  auto operator<=>(const FileEntry& o) const { return path <=> o.path; }
  bool operator==(const FileEntry& o) const { return path == o.path; }
};

struct DiscoveryError {
  std::string path;
  std::string message;  // e.g. "No such file or directory"
};

struct Discovery {
  std::vector<FileEntry> files;  // sorted by path, no duplicates
  std::vector<DiscoveryError> errors;
  std::vector<std::string> skipped;  // informational: special files, links out of the tree
};

struct DiscoveryOptions {
  // Honour `.gitignore` and `.lintelignore` files: those of every walked folder, and those of
  // the walked root's parent folders up to the one holding `.git`.
  bool ignore_files = true;
};

// Walks files and folders recursively in sorted order. Folders named .git, node_modules,
// .terraform and vendor are skipped; symbolic links to folders are not followed; a linked file
// is scanned only if its target lies inside the folder being walked. FIFOs, sockets and devices
// are never opened. Files named explicitly are always scanned.
// Ignored files and folders are left out unless named on the command line.
[[nodiscard]] Discovery discover(const std::vector<std::string>& paths,
                                 const DiscoveryOptions& options = {});

// The path as lintel reports it: relative to the current directory with '/' separators when
// the file is inside it, otherwise absolute.
[[nodiscard]] std::string display_path(const std::string& fs_path);
// The same, given the working directory (empty: unknown, every path is shown absolute).
[[nodiscard]] std::string display_path(const std::string& fs_path, const std::filesystem::path& cwd);

}  // namespace lintel::engine
