// A per-thread bump allocator for tree-sitter while it parses one Terraform file (perf).
//
// tree-sitter-hcl makes millions of small malloc/free calls per megabyte of HCL, and freeing the
// finished syntax tree walks every node again: together about a sixth of a Terraform file's parse
// time. Inside a ParseArena scope, tree-sitter's allocations on this thread are carved from
// large chunks, its frees are no-ops, and the scope's end releases everything at once, so the
// tree and the parser need not be deleted node by node (call `owns_everything()` to know).
//
// tree-sitter's allocator is global: the hooks installed here pass every call through to
// malloc/realloc/free unless the calling thread has an active scope and the pointer is one of
// its chunks, so other tree-sitter users (the bash grammar for Dockerfile RUN lines) are not
// affected. Past kMaxBytes per scope the arena stops growing and allocations fall back to
// malloc; such a parse must then delete its tree and parser the ordinary way before the scope
// ends (frees of arena pointers stay no-ops until then).
#pragma once

#include <cstddef>
#include <vector>

namespace lintel::parsers::terraform {

class ParseArena {
 public:
  ParseArena();
  ~ParseArena();
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;

  // True while every tree-sitter allocation of this scope came from the arena: the tree and the
  // parser may then be dropped without ts_tree_delete / ts_parser_delete.
  [[nodiscard]] bool owns_everything() const;
};

}  // namespace lintel::parsers::terraform
