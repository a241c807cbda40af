// The Terraform model. A module is a folder: the blocks of all its `.tf` files, its
// `terraform.tfvars` and `*.auto.tfvars`, resolved together (variables, locals, literal
// expressions). Built by parsers/terraform from tree-sitter-hcl.
//
// Expressions keep their syntax (a small tree with spans); values are computed on demand by
// TerraformModule::eval, which is bounded in depth and total work. Whatever cannot be known
// statically (resource attributes, data sources, unknown functions, unset variables) evaluates
// to Value::unknown, and rules stay silent on unknowns.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::model {

// A computed value, with the span (in `file` of the module) of the expression that produced it.
struct Value {
  enum class Kind : std::uint8_t { unknown, null, boolean, number, string, list, map };
  // User-provided (not `= default`): clang 14 with libstdc++ 12 otherwise loops instantiating
  // std::pair<std::string, Value> for `entries` (the fuzz build uses clang).
  Value() {}  // NOLINT(modernize-use-equals-default)
  Kind kind = Kind::unknown;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Value> items;                           // list / tuple / set
  std::vector<std::pair<std::string, Value>> entries;  // map / object, in source order
  Span span{};
  std::size_t file = 0;

  [[nodiscard]] bool known() const { return kind != Kind::unknown; }
  [[nodiscard]] bool is_string() const { return kind == Kind::string; }
  [[nodiscard]] bool is_list() const { return kind == Kind::list; }
  [[nodiscard]] bool is_map() const { return kind == Kind::map; }
  // The entry named `key` of a map (last wins), or null.
  [[nodiscard]] const Value* get(std::string_view key) const;
  // Booleans, and the strings "true"/"false" (Terraform converts them).
  [[nodiscard]] std::optional<bool> as_bool() const;
  // Numbers, and strings that are whole numbers.
  [[nodiscard]] std::optional<double> as_number() const;
  // Strings, numbers and booleans as Terraform converts them to string.
  [[nodiscard]] std::optional<std::string> as_string() const;
};

// Parses JSON text into a Value (objects become maps); nullopt when it is not valid JSON.
[[nodiscard]] std::optional<Value> parse_json_value(std::string_view text);
// Serializes a fully known value as JSON (jsonencode); nullopt when any part is unknown.
[[nodiscard]] std::optional<std::string> to_json(const Value& value);

struct Expr {
  enum class Kind : std::uint8_t {
    literal,      // value holds it
    templ,        // quoted template or heredoc: parts are literal strings and expressions
    tuple,        // children are the items
    object,       // children alternate key, value
    traversal,    // var.x, local.y, aws_s3_bucket.b.id: `path`
    call,         // name(children…)
    conditional,  // children: condition, then, else
    unary,        // op, children[0]
    binary,       // op, children[0], children[1]
    other,        // for expressions, splats, anything not modelled: unknown
  };
  Kind kind = Kind::other;
  Span span{};
  Value value;                    // literal
  std::string name;               // call name, operator
  std::vector<std::string> path;  // traversal: "var", "x"; an index by literal key adds the key,
                                  // any other index adds "[*]"
  std::vector<Expr> children;
  bool heredoc = false;           // templ from `<<EOF` / `<<-EOF`

  // The root of a traversal ("var", "local", "data", a resource type), or empty.
  [[nodiscard]] std::string_view root() const { return path.empty() ? std::string_view{} : path[0]; }
  // A bare identifier (`Action` as an object key, `true`): its name, or empty.
  [[nodiscard]] std::string_view identifier() const {
    return kind == Kind::traversal && path.size() == 1 ? std::string_view(path[0]) : std::string_view{};
  }
};

struct Attribute {
  Scalar<std::string> name;
  Expr expr;
  Span span{};  // name through expression
};

struct Block {
  Scalar<std::string> type;
  std::vector<Scalar<std::string>> labels;
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  Span span{};

  [[nodiscard]] const Attribute* attr(std::string_view name) const;
  [[nodiscard]] const Block* child(std::string_view type) const;
  [[nodiscard]] std::vector<const Block*> children(std::string_view type) const;
  [[nodiscard]] std::string_view label(std::size_t i) const {
    return i < labels.size() ? std::string_view(labels[i].value) : std::string_view{};
  }
  // The type keyword through the last label: where "missing X" findings point.
  [[nodiscard]] Span head() const {
    return labels.empty() ? type.span : type.span.cover(labels.back().span);
  }
  // `resource "aws_s3_bucket" "b"` → `aws_s3_bucket.b`; other blocks: type and labels joined.
  [[nodiscard]] std::string address() const;
};

struct TerraformFile {
  bool vars_file = false;            // terraform.tfvars / *.auto.tfvars / *.tfvars
  std::vector<Block> blocks;         // top-level blocks (.tf)
  std::vector<Attribute> attributes;  // top-level attributes (.tfvars)
};

// A located block: file index and block.
struct BlockRef {
  std::size_t file = 0;
  const Block* block = nullptr;
};
struct AttrRef {
  std::size_t file = 0;
  const Attribute* attr = nullptr;
};

// Every file of one module folder, parsed, with the module-wide symbol tables.
struct TerraformModule {
  std::string dir;                        // the folder, as reported ('/' separators)
  std::vector<std::shared_ptr<const SourceFile>> files;  // sorted by path
  std::vector<TerraformFile> parsed;     // same order as files

  // Symbol tables (filled by the parser once every file is parsed).
  std::map<std::string, BlockRef, std::less<>> variables;  // variable "x"
  std::map<std::string, AttrRef, std::less<>> locals;      // locals { x = … }
  std::map<std::string, AttrRef, std::less<>> tfvars;      // later files win
  std::map<std::string, BlockRef, std::less<>> resources;  // "aws_s3_bucket.b"
  std::map<std::string, BlockRef, std::less<>> data;       // "aws_iam_policy_document.p"

  // Evaluates `expr` (of file `file`); bounded; unknown when not statically known.
  [[nodiscard]] Value eval(const Expr& expr, std::size_t file) const;
  // The value of `var.name` (tfvars, then default), unknown when it has none.
  [[nodiscard]] Value variable_value(std::string_view name) const;
  // All top-level blocks of every .tf file of the module.
  [[nodiscard]] std::vector<BlockRef> all_blocks() const;
  // A resource this expression refers to (`aws_s3_bucket.x.id`, `aws_s3_bucket.x[0].bucket`),
  // or null.
  [[nodiscard]] const BlockRef* referenced_resource(const Expr& expr) const;
};

// One file of a module: what a rule checks. Findings go to this file's blocks only.
struct TerraformDoc {
  std::shared_ptr<const TerraformModule> module;
  std::size_t file = 0;  // index into module->files

  [[nodiscard]] const TerraformFile& parsed() const { return module->parsed[file]; }
  [[nodiscard]] const std::vector<Block>& blocks() const { return module->parsed[file].blocks; }
  [[nodiscard]] Value eval(const Expr& expr) const { return module->eval(expr, file); }
  // The value of `block`'s attribute `name`, or nullopt when the attribute is absent.
  [[nodiscard]] std::optional<Value> attr_value(const Block& block, std::string_view name) const {
    const Attribute* a = block.attr(name);
    if (a == nullptr) return std::nullopt;
    return eval(a->expr);
  }
};

}  // namespace lintel::model
