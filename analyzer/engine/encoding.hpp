// Text encodings lintel accepts besides UTF-8: UTF-16 (LE or BE) marked by a byte order mark is
// decoded to UTF-8 before parsing. Lines and code-point columns are the same in both encodings,
// so positions reported on the decoded text are right for the file on disk. read_text_file is
// the one way the engine reads a file, the scanned ones and those it reads on the side (a compose
// file's Dockerfile and .env, a Terraform module's siblings), so all are decoded alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lintel::engine {

struct Decoded {
  std::string text;        // UTF-8, without the byte order mark
  std::string_view encoding;  // "UTF-16LE" or "UTF-16BE"
};

// The UTF-8 text of a file that starts with a UTF-16 byte order mark; nullopt for any other file
// (including UTF-32LE, whose mark starts like UTF-16LE's). Unpaired surrogates and a trailing odd
// byte become U+FFFD.
[[nodiscard]] std::optional<Decoded> decode_utf16_with_bom(std::string_view bytes);

struct TextFile {
  std::string text;   // decoded from UTF-16 when the file has its byte order mark
  std::string error;  // why the file could not be read; empty when it was
  // Set (and nothing read) when the file is larger than the `max_size` asked for.
  std::optional<std::uint64_t> too_large;
};

// Reads a regular file. It is opened without blocking and checked through the open descriptor,
// so a FIFO or device put in a file's place after discovery is refused ("not a regular file")
// instead of blocking the scan or reading forever. A file over `max_size` bytes is not read.
// Three system calls for a file under 32 KiB (open, one read, close: a short read of a regular
// file is its end); a larger or empty one is checked with fstat and read to its end.
[[nodiscard]] TextFile read_text_file(const std::string& path,
                                      std::uint64_t max_size = UINT64_MAX);

}  // namespace lintel::engine
