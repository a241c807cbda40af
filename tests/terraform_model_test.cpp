// The Terraform model: blocks, attributes, spans, and value resolution across a module.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "analyzer/model/terraform.hpp"
#include "parsers/terraform/parser.hpp"

using lintel::SourceFile;
using lintel::Span;
using lintel::model::Block;
using lintel::model::TerraformModule;
using lintel::model::Value;

namespace t_terraform_model_test {

struct Module {
  std::shared_ptr<const TerraformModule> module;
  std::vector<std::vector<lintel::parsers::Diagnostic>> diagnostics;
};

Module parse(std::vector<std::pair<std::string, std::string>> files) {
  std::vector<std::shared_ptr<const SourceFile>> sources;
  for (auto& [path, text] : files) sources.push_back(std::make_shared<const SourceFile>(path, text));
  auto r = lintel::parsers::parse_terraform_module("m", std::move(sources));
  return {r.module, r.diagnostics};
}

std::string_view slice(const Module& m, std::size_t file, Span span) { return m.module->files[file]->slice(span); }

const Block& resource(const Module& m, const std::string& address) {
  const auto it = m.module->resources.find(address);
  REQUIRE(it != m.module->resources.end());
  return *it->second.block;
}

Value attr_value(const Module& m, const Block& b, std::string_view name) {
  const auto* a = b.attr(name);
  REQUIRE(a != nullptr);
  return m.module->eval(a->expr, m.module->resources.begin()->second.file);
}

TEST_CASE("blocks, labels, attributes and spans", "[terraform-model]") {
  const auto m = parse({{"m/main.tf",
                         "resource \"aws_s3_bucket\" \"b\" {\n"
                         "  bucket = \"data\"\n"
                         "  versioning {\n"
                         "    enabled = true\n"
                         "  }\n"
                         "}\n"}});
  REQUIRE(m.diagnostics[0].empty());
  const auto& blocks = m.module->parsed[0].blocks;
  REQUIRE(blocks.size() == 1);
  const Block& b = blocks[0];
  CHECK(b.type.value == "resource");
  REQUIRE(b.labels.size() == 2);
  CHECK(b.labels[0].value == "aws_s3_bucket");
  CHECK(b.labels[1].value == "b");
  CHECK(slice(m, 0, b.head()) == "resource \"aws_s3_bucket\" \"b\"");
  CHECK(b.address() == "aws_s3_bucket.b");
  const auto* bucket = b.attr("bucket");
  REQUIRE(bucket != nullptr);
  CHECK(slice(m, 0, bucket->name.span) == "bucket");
  CHECK(slice(m, 0, bucket->expr.span) == "\"data\"");
  const Block* v = b.child("versioning");
  REQUIRE(v != nullptr);
  CHECK(slice(m, 0, v->type.span) == "versioning");
  CHECK(m.module->eval(v->attr("enabled")->expr, 0).as_bool() == true);
}

TEST_CASE("variables: default, then terraform.tfvars, then *.auto.tfvars in order", "[terraform-model]") {
  const auto m = parse({{"m/a.auto.tfvars", "region = \"eu-west-1\"\n"},
                        {"m/main.tf",
                         "variable \"region\" { default = \"us-east-1\" }\n"
                         "variable \"size\" { default = 3 }\n"
                         "variable \"unset\" {}\n"
                         "variable \"cidr\" { default = \"10.0.0.0/8\" }\n"},
                        {"m/terraform.tfvars", "region = \"ap-south-1\"\ncidr = \"0.0.0.0/0\"\n"},
                        {"m/z.auto.tfvars", "region = \"sa-east-1\"\n"}});
  CHECK(m.module->variable_value("region").string == "sa-east-1");  // z.auto.tfvars wins
  CHECK(m.module->variable_value("cidr").string == "0.0.0.0/0");    // terraform.tfvars
  CHECK(m.module->variable_value("size").as_number() == 3);
  CHECK_FALSE(m.module->variable_value("unset").known());
  CHECK_FALSE(m.module->variable_value("missing").known());
  // The value keeps the span of the expression that produced it, in its own file.
  const Value cidr = m.module->variable_value("cidr");
  CHECK(cidr.file == 2);
  CHECK(slice(m, 2, cidr.span) == "\"0.0.0.0/0\"");
}

TEST_CASE("locals, templates, conditionals, functions", "[terraform-model]") {
  const auto m = parse({{"m/main.tf",
                         "variable \"env\" { default = \"prod\" }\n"
                         "variable \"other\" {}\n"
                         "locals {\n"
                         "  name   = \"app-${var.env}\"\n"
                         "  prod   = var.env == \"prod\"\n"
                         "  size   = local.prod ? 3 : 1\n"
                         "  maybe  = var.other ? 1 : 2\n"
                         "  a      = local.b\n"
                         "  b      = local.a\n"
                         "  list   = tolist([\"x\", local.name])\n"
                         "  obj    = { Action = \"*\", \"Resource\" = [\"*\"] }\n"
                         "  json   = jsonencode(local.obj)\n"
                         "  unk    = aws_vpc.main.id\n"
                         "  nested = { a = { b = [10, 20] } }\n"
                         "  pick   = local.nested.a.b[1]\n"
                         "  esc    = \"q\\\"$${x}\"\n"
                         "}\n"
                         "resource \"x\" \"y\" {\n"
                         "  name  = local.name\n"
                         "  size  = local.size\n"
                         "  maybe = local.maybe\n"
                         "  loop  = local.a\n"
                         "  list  = local.list\n"
                         "  json  = local.json\n"
                         "  unk   = \"${local.unk}-x\"\n"
                         "  pick  = local.pick\n"
                         "  esc   = local.esc\n"
                         "}\n"}});
  REQUIRE(m.diagnostics[0].empty());
  const Block& r = resource(m, "x.y");
  CHECK(attr_value(m, r, "name").string == "app-prod");
  CHECK(attr_value(m, r, "size").as_number() == 3);
  CHECK_FALSE(attr_value(m, r, "maybe").known());
  CHECK_FALSE(attr_value(m, r, "loop").known());  // cycle: unknown, no hang
  const Value list = attr_value(m, r, "list");
  REQUIRE(list.is_list());
  CHECK(list.items[1].string == "app-prod");
  CHECK(attr_value(m, r, "json").string == R"({"Action":"*","Resource":["*"]})");
  CHECK_FALSE(attr_value(m, r, "unk").known());
  CHECK(attr_value(m, r, "pick").as_number() == 20);
  CHECK(attr_value(m, r, "esc").string == "q\"${x}");
}

TEST_CASE("heredocs: plain and indented, with interpolation", "[terraform-model]") {
  const auto m = parse({{"m/main.tf",
                         "variable \"act\" { default = \"s3:*\" }\n"
                         "resource \"x\" \"y\" {\n"
                         "  plain = <<EOF\n"
                         "{\"Action\": \"${var.act}\"}\n"
                         "EOF\n"
                         "  indented = <<-EOT\n"
                         "    line1\n"
                         "      line2\n"
                         "    EOT\n"
                         "}\n"}});
  REQUIRE(m.diagnostics[0].empty());
  const Block& r = resource(m, "x.y");
  const Value plain = attr_value(m, r, "plain");
  CHECK(plain.string == "{\"Action\": \"s3:*\"}\n");
  const auto json = lintel::model::parse_json_value(plain.string);
  REQUIRE(json.has_value());
  CHECK(json->get("Action")->string == "s3:*");
  CHECK(attr_value(m, r, "indented").string == "line1\n  line2\n");
  CHECK(slice(m, 0, r.attr("plain")->expr.span).starts_with("<<EOF"));
}

TEST_CASE("aws_iam_policy_document referenced through .json", "[terraform-model]") {
  const auto m = parse({{"m/main.tf",
                         "data \"aws_iam_policy_document\" \"p\" {\n"
                         "  statement {\n"
                         "    actions   = [\"*\"]\n"
                         "    resources = [\"*\"]\n"
                         "  }\n"
                         "}\n"
                         "resource \"aws_iam_policy\" \"x\" {\n"
                         "  policy = data.aws_iam_policy_document.p.json\n"
                         "}\n"}});
  const Block& r = resource(m, "aws_iam_policy.x");
  const Value v = attr_value(m, r, "policy");
  REQUIRE(v.is_string());
  const auto doc = lintel::model::parse_json_value(v.string);
  REQUIRE(doc.has_value());
  const Value* st = doc->get("Statement");
  REQUIRE(st != nullptr);
  REQUIRE(st->items.size() == 1);
  CHECK(st->items[0].get("Effect")->string == "Allow");
  CHECK(st->items[0].get("Action")->items[0].string == "*");
}

TEST_CASE("resource references join blocks", "[terraform-model]") {
  const auto m = parse({{"m/main.tf",
                         "resource \"aws_s3_bucket\" \"b\" {}\n"
                         "resource \"aws_s3_bucket_acl\" \"a\" {\n"
                         "  bucket = aws_s3_bucket.b.id\n"
                         "}\n"}});
  const Block& acl = resource(m, "aws_s3_bucket_acl.a");
  const auto* ref = m.module->referenced_resource(acl.attr("bucket")->expr);
  REQUIRE(ref != nullptr);
  CHECK(ref->block->address() == "aws_s3_bucket.b");
}

TEST_CASE("syntax errors become diagnostics and the rest is still parsed", "[terraform-model]") {
  const auto m = parse({{"m/main.tf",
                         "resource \"a\" \"ok\" {\n  x = 1\n}\n"
                         "resource \"a\" \"bad\" {\n  x = = 2\n}\n"
                         "resource \"a\" \"after\" {\n  y = 3\n}\n"}});
  REQUIRE_FALSE(m.diagnostics[0].empty());
  CHECK(m.module->resources.count("a.ok") == 1);
  // tree-sitter's error recovery may swallow the blocks right after the error; later files and
  // the blocks before it are kept.
}

TEST_CASE("hostile input is bounded", "[terraform-model]") {
  // Deep nesting and an exponential chain of locals.
  std::string deep = "locals {\n  d = " + std::string(3000, '[') + std::string(3000, ']') + "\n";
  for (int i = 0; i < 40; ++i) {
    deep += "  l" + std::to_string(i) + " = [local.l" + std::to_string(i + 1) + ", local.l" +
            std::to_string(i + 1) + ", \"${local.l" + std::to_string(i + 1) + "}\"]\n";
  }
  deep += "  l40 = \"x\"\n}\nresource \"x\" \"y\" {\n  v = local.l0\n  d = local.d\n}\n";
  // No timing is asserted: an exponential evaluation hits the ctest timeout instead.
  const auto m = parse({{"m/main.tf", deep}});
  const Block& r = resource(m, "x.y");
  (void)attr_value(m, r, "v");
  (void)attr_value(m, r, "d");
  CHECK(m.module->all_blocks().size() >= 2);
}

}  // namespace t_terraform_model_test
