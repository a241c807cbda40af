#include "analyzer/engine/discovery.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "analyzer/engine/ignore_files.hpp"

namespace fs = std::filesystem;

namespace lintel::engine {

namespace {

constexpr std::array<std::string_view, 4> kSkippedDirs = {".git", "node_modules", ".terraform",
                                                         "vendor"};

bool is_skipped_dir(std::string_view name) {
  return std::find(kSkippedDirs.begin(), kSkippedDirs.end(), name) != kSkippedDirs.end();
}

// A folder entry as readdir gives it.
struct DirEntry {
  std::string name;
  unsigned char type;  // DT_REG, DT_DIR, DT_LNK, ... or DT_UNKNOWN
};

bool is_within(const fs::path& inner, const fs::path& outer) {
  const auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

constexpr std::array<std::string_view, 2> kIgnoreFiles = {".gitignore", ".lintelignore"};

// Reads the ignore files of `dir` (absolute) onto `stack`; returns how many were pushed.
// `listing`, when given, is the folder's entries: looked up there instead of stat'ed (perf: two
// failed stats per folder walked).
std::size_t push_ignore_files(const fs::path& dir, std::vector<IgnoreFile>& stack,
                              const std::vector<DirEntry>* listing = nullptr) {
  std::size_t pushed = 0;
  for (const std::string_view name : kIgnoreFiles) {
    const fs::path file = dir / name;
    std::error_code ec;
    if (listing != nullptr) {
      const auto it = std::find_if(listing->begin(), listing->end(),
                                   [&](const DirEntry& e) { return e.name == name; });
      if (it == listing->end()) continue;
      if (it->type != DT_REG && !fs::is_regular_file(file, ec)) continue;
    } else if (!fs::is_regular_file(file, ec)) {
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    stack.emplace_back(dir.generic_string(), ss.str());
    ++pushed;
  }
  return pushed;
}

// The ignore files that apply to a walk rooted at `root` from above it: its parent folders up
// to the repository root (the folder holding .git); none when `root` is not in a repository.
std::vector<IgnoreFile> parent_ignore_files(fs::path root) {
  if (root.filename().empty()) root = root.parent_path();  // "/a/b/" from "/a/b/."
  std::vector<fs::path> parents;
  std::error_code ec;
  bool in_repo = false;
  for (fs::path dir = root.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    parents.push_back(dir);
    if (fs::exists(dir / ".git", ec)) {
      in_repo = true;
      break;
    }
    if (dir == dir.parent_path()) break;
  }
  if (fs::exists(root / ".git", ec)) in_repo = true;
  std::vector<IgnoreFile> stack;
  if (!in_repo || fs::exists(root / ".git", ec)) return stack;
  for (auto it = parents.rbegin(); it != parents.rend(); ++it) push_ignore_files(*it, stack);
  return stack;
}

// Whether `inner` is `outer` or below it, both absolute and lexically normal, without trailing
// '/' (except "/" itself).
bool is_within_string(std::string_view inner, std::string_view outer) {
  if (!inner.starts_with(outer)) return false;
  return inner.size() == outer.size() || outer.ends_with('/') || inner[outer.size()] == '/';
}

// Whether `path` is lexically normal with no '.' or '..' names, no empty names and no trailing
// '/': then std::filesystem's normal form and relative path are plain string operations.
bool is_plain_path(std::string_view path) {
  if (path.empty() || path == "/") return false;
  std::size_t i = path.front() == '/' ? 1 : 0;
  while (i <= path.size()) {
    const std::size_t slash = std::min(path.find('/', i), path.size());
    const std::string_view name = path.substr(i, slash - i);
    if (name.empty() || name == "." || name == "..") return false;
    i = slash + 1;
  }
  return true;
}

std::string join(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.ends_with('/')) out += '/';
  out += name;
  return out;
}

// The walk's paths are built by appending names, never recomputed from the file system (perf:
// display_path's getcwd, absolute() and lexically_relative() per file were a tenth of a
// secrets-only scan): a folder's absolute path and the prefix of its entries' displayed paths
// are carried down.
struct Walker {
  Discovery& out;
  fs::path root_canonical;
  bool use_ignore_files = true;
  std::vector<IgnoreFile> ignores;
  // Scanning a folder above the working directory: entries below the working directory are
  // shown relative to it, others absolute, so each is computed by display_path.
  bool slow_display = false;
  fs::path cwd;  // the working directory, asked once (perf: a getcwd per file named)

  // gitignore semantics: the deepest file with a matching pattern decides. `abs`: absolute and
  // lexically normal.
  [[nodiscard]] bool is_ignored(std::string_view abs, bool is_dir) const {
    for (auto it = ignores.rbegin(); it != ignores.rend(); ++it) {
      const std::string& base = it->base();
      if (abs.size() <= base.size() || abs.compare(0, base.size(), base) != 0) continue;
      const std::size_t skip = base.ends_with('/') ? base.size() : base.size() + 1;
      const auto v = it->match(abs.substr(skip), is_dir);
      if (v != IgnoreFile::Verdict::none) return v == IgnoreFile::Verdict::ignored;
    }
    return false;
  }

  void add(std::string fs_path, bool explicit_, std::string display) {
    FileEntry e;
    e.fs_path = std::move(fs_path);
    e.path = slow_display || display.empty() ? display_path(e.fs_path, cwd) : std::move(display);
    e.explicit_ = explicit_;
    out.files.push_back(std::move(e));
  }

  // `dir`: the folder as the walk reaches it (what files are opened by); `abs_dir`: its
  // absolute, lexically normal path; `shown`: what its entries' displayed paths start with (""
  // for the working directory itself, else the folder's displayed path and '/'). The folder is
  // read with readdir, not std::filesystem (perf: a path object built, split and compared per
  // entry was most of a walk).
  void walk(const std::string& dir, int depth, const std::string& abs_dir, const std::string& shown) {
    if (depth > 256) {
      out.skipped.push_back(dir + ": nesting deeper than 256 folders");
      return;
    }
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      if (errno != EACCES) out.errors.push_back({display_path(dir), std::strerror(errno)});
      return;
    }
    std::vector<DirEntry> entries;
    while (const dirent* e = ::readdir(d)) {
      const std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      entries.push_back({std::string(name), e->d_type});
    }
    ::closedir(d);
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    const std::size_t pushed =
        use_ignore_files ? push_ignore_files(fs::path(abs_dir), ignores, &entries) : 0;
    for (const DirEntry& entry : entries) visit(entry, depth, dir, abs_dir, shown);
    ignores.erase(ignores.end() - static_cast<std::ptrdiff_t>(pushed), ignores.end());
  }

  void visit(const DirEntry& entry, int depth, const std::string& dir, const std::string& abs_dir,
             const std::string& shown) {
    const std::string path = join(dir, entry.name);
    const std::string abs = join(abs_dir, entry.name);
    std::string display = shown + entry.name;
    unsigned char type = entry.type;
    if (type == DT_UNKNOWN) {  // file systems that do not fill d_type
      struct stat st {};
      if (::lstat(path.c_str(), &st) == 0) {
        type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
      }
    }
    if (type == DT_LNK) {
      std::error_code ec;
      const fs::path target = fs::canonical(path, ec);
      if (ec || !fs::is_regular_file(target, ec)) {
        out.skipped.push_back(display_path(path) + ": symbolic link not followed");
        return;
      }
      if (!is_within(target, root_canonical)) {
        out.skipped.push_back(display_path(path) + ": link points outside the scanned folder");
        return;
      }
      if (is_ignored(abs, false)) return;
      add(path, false, std::move(display));
      return;
    }
    if (type == DT_DIR) {
      if (!is_skipped_dir(entry.name) && !is_ignored(abs, true)) walk(path, depth + 1, abs, display + '/');
      return;
    }
    if (type == DT_REG) {
      if (is_ignored(abs, false)) return;
      add(path, false, std::move(display));
      return;
    }
    out.skipped.push_back(display_path(path) + ": not a regular file");
  }
};

}  // namespace

std::string display_path(const std::string& fs_path) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return display_path(fs_path, ec ? fs::path() : cwd);
}

std::string display_path(const std::string& fs_path, const fs::path& cwd) {
  // Files named on the command line (perf: a pre-commit hook's list; path objects built,
  // normalized and compared were 12,000 instructions a file).
  const std::string& cwd_text = cwd.native();
  if (!cwd_text.empty() && cwd_text.front() == '/' && is_plain_path(fs_path) &&
      (cwd_text == "/" || is_plain_path(cwd_text))) {
    if (fs_path.front() != '/') return fs_path;
    if (cwd_text == "/") return fs_path.substr(1);
    if (fs_path.size() > cwd_text.size() && fs_path.starts_with(cwd_text) &&
        fs_path[cwd_text.size()] == '/')
      return fs_path.substr(cwd_text.size() + 1);
    return fs_path;
  }
  const fs::path given(fs_path);
  std::error_code ec;
  const fs::path abs = (given.is_absolute() || cwd.empty() ? fs::absolute(given, ec) : cwd / given)
                           .lexically_normal();
  if (!cwd.empty() && is_within(abs, cwd)) {
    const fs::path rel = abs.lexically_relative(cwd);
    std::string s = rel.generic_string();
    if (!s.empty() && s != ".") return s;
  }
  return abs.generic_string();
}

Discovery discover(const std::vector<std::string>& paths, const DiscoveryOptions& options) {
  Discovery out;
  std::error_code cwd_ec;
  fs::path cwd = fs::current_path(cwd_ec);
  if (cwd_ec) cwd.clear();
  out.files.reserve(paths.size());
  for (const std::string& raw : paths) {
    // stat(2), as std::filesystem::status does, without a path object split into its names for
    // each of a long list of files named on the command line (perf).
    struct stat st {};
    if (::stat(raw.c_str(), &st) != 0) {
      out.errors.push_back({raw, std::strerror(errno)});
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      const fs::path p(raw);
      std::error_code ec;
      Walker w{out, fs::canonical(p, ec), options.ignore_files, {}};
      w.cwd = cwd;
      if (options.ignore_files)
        w.ignores = parent_ignore_files(fs::absolute(p, ec).lexically_normal());
      std::string abs = fs::absolute(p, ec).lexically_normal().generic_string();
      if (abs.size() > 1 && abs.ends_with('/')) abs.pop_back();
      const std::string cwd_text = cwd.generic_string();
      std::string shown;
      if (is_within_string(abs, cwd_text)) {
        shown = abs.size() == cwd_text.size() ? "" : display_path(abs, cwd) + '/';
      } else {
        w.slow_display = is_within_string(cwd_text, abs);
        shown = join(abs, "");
      }
      w.walk(raw, 0, abs, shown);
    } else if (S_ISREG(st.st_mode)) {
      // (perf: a Walker per named file copied the working directory's path object each time)
      FileEntry e;
      e.fs_path = raw;
      e.path = display_path(e.fs_path, cwd);
      e.explicit_ = true;
      out.files.push_back(std::move(e));
    } else {
      out.skipped.push_back(raw + ": not a regular file");
    }
  }
  // Explicit entries win over walked duplicates; then sort by reported path. A list of files
  // often comes in order already (xargs of a sorted list, a hook's batch): then only checked.
  const auto before = [](const FileEntry& a, const FileEntry& b) {
    return a.path != b.path ? a.path < b.path : a.explicit_ > b.explicit_;
  };
  if (!std::is_sorted(out.files.begin(), out.files.end(), before))
    std::stable_sort(out.files.begin(), out.files.end(), before);
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace lintel::engine
