// Shared helpers of the Terraform rules: resource iteration, value tests, spans and names.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/model/terraform.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::terraform {

using model::Attribute;
using model::Block;
using model::Expr;
using model::TerraformDoc;
using model::Value;

// `resource "<type>" "<name>"` blocks of this file whose type is one of `types`.
template <class Fn>
void for_each_resource(const TerraformDoc& doc, std::initializer_list<std::string_view> types, Fn&& fn) {
  for (const Block& b : doc.blocks()) {
    if (b.type.value != "resource" || b.labels.size() < 2) continue;
    if (std::find(types.begin(), types.end(), b.labels[0].value) == types.end()) continue;
    fn(b);
  }
}

// `aws_db_instance.main`.
inline std::string resource_name(const Block& b) { return b.address(); }

// The attribute's value when the attribute is present; nullopt when absent.
inline std::optional<Value> value_of(const TerraformDoc& doc, const Block& b, std::string_view name) {
  return doc.attr_value(b, name);
}

// Tri-state of a boolean attribute: nullopt = unknown; absent attributes get `absent`.
inline std::optional<bool> bool_attr(const TerraformDoc& doc, const Block& b, std::string_view name,
                                     std::optional<bool> absent) {
  const auto v = doc.attr_value(b, name);
  if (!v) return absent;
  if (v->kind == Value::Kind::null) return absent;
  return v->as_bool();
}

// A known string value of an attribute, or nullopt (absent or unknown).
inline std::optional<std::string> string_attr(const TerraformDoc& doc, const Block& b, std::string_view name) {
  const auto v = doc.attr_value(b, name);
  if (!v) return std::nullopt;
  return v->is_string() ? std::optional<std::string>(v->string) : std::nullopt;
}

// Where to report a value: its own span when it was written in this file, else `fallback`.
inline Span value_span(const TerraformDoc& doc, const Value& v, Span fallback) {
  if (v.file == doc.file && !v.span.empty() && fallback.contains(v.span)) return v.span;
  return fallback;
}

// The span of attribute `name`'s expression, or the block's head when absent.
inline Span attr_or_head(const Block& b, std::string_view name) {
  const Attribute* a = b.attr(name);
  return a != nullptr ? a->expr.span : b.head();
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The items of a list value, or the value itself when it is a single string (IAM allows both).
inline std::vector<const Value*> as_items(const Value& v) {
  std::vector<const Value*> out;
  if (v.is_list()) {
    for (const Value& i : v.items) out.push_back(&i);
  } else {
    out.push_back(&v);
  }
  return out;
}

// The block has a `dynamic "<name>"` block: its `<name>` blocks are generated, so unknown.
inline bool has_dynamic(const Block& b, std::string_view name) {
  for (const Block* d : b.children("dynamic")) {
    if (d->label(0) == name) return true;
  }
  return false;
}

// The module has a provider block of this name.
inline bool module_has_provider(const TerraformDoc& doc, std::string_view name) {
  for (const model::BlockRef& r : doc.module->all_blocks()) {
    if (r.block->type.value == "provider" && r.block->label(0) == name) return true;
  }
  return false;
}

}  // namespace lintel::rules::terraform

namespace lintel::rules::terraform {

// An `aws_db_instance` that belongs to an Aurora cluster (storage, backups and deletion
// protection are the cluster's) or is a read replica / restore (settings are inherited).
// nullopt when the engine is unknown.
inline bool db_inherits_settings(const TerraformDoc& doc, const Block& b) {
  if (b.label(0) != "aws_db_instance") return false;
  if (b.attr("replicate_source_db") != nullptr) return true;
  if (const auto engine = string_attr(doc, b, "engine"); engine && engine->starts_with("aurora")) return true;
  return false;
}

// Reports a boolean attribute that must be true: at its value when false, at the block's head
// when absent. Unknown values stay silent.
inline void require_true(const TerraformDoc& doc, const Block& b, std::string_view name,
                         std::string_view what, Reporter& out) {
  const Attribute* a = b.attr(name);
  if (a == nullptr) {
    out.report(b.head(), fmt::format("{} {}: `{}` is not set (default false)", resource_name(b), what, name));
    return;
  }
  const Value v = doc.eval(a->expr);
  if (v.kind == Value::Kind::null) {
    out.report(a->expr.span, fmt::format("{} {}: `{}` is null (default false)", resource_name(b), what, name));
    return;
  }
  const auto on = v.as_bool();
  if (on && !*on) out.report(a->expr.span, fmt::format("{} {}: `{} = false`", resource_name(b), what, name));
}

}  // namespace lintel::rules::terraform
