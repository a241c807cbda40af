#include <catch2/catch.hpp>

#include "analyzer/source.hpp"

using lintel::Position;
using lintel::SourceFile;

TEST_CASE("LineIndex counts lines for LF, CRLF and lone CR", "[source]") {
  const SourceFile f("x", "ab\ncd\r\nef\rgh");
  CHECK(f.lines().line_count() == 4);
  CHECK(f.position(0) == Position{1, 1});
  CHECK(f.position(3) == Position{2, 1});
  CHECK(f.position(7) == Position{3, 1});
  CHECK(f.position(10) == Position{4, 1});
  CHECK(f.line_text(2) == "cd");
  CHECK(f.line_text(4) == "gh");
}

TEST_CASE("LineIndex columns count code points, not bytes", "[source]") {
  const SourceFile f("x", "é=1\n");  // é is two bytes in UTF-8
  CHECK(f.position(2) == Position{1, 2});
  CHECK(f.position(3) == Position{1, 3});
}

TEST_CASE("SourceFile::slice clamps out-of-range spans", "[source]") {
  const SourceFile f("x", "hello");
  CHECK(f.slice({1, 3}) == "el");
  CHECK(f.slice({3, 99}) == "lo");
  CHECK(f.slice({9, 99}).empty());
}
