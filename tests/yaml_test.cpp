#include "analyzer/model/yaml.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "parsers/yaml/parser.hpp"

using lintel::SourceFile;
using lintel::Span;
using lintel::model::yaml::Node;
using lintel::model::yaml::NodeKind;
using lintel::model::yaml::ScalarStyle;
using lintel::model::yaml::Schema;
using lintel::model::yaml::Stream;
using lintel::parsers::parse_yaml;
using lintel::parsers::YamlLimits;

namespace t_yaml_test {

// The text a node's span covers.
std::string_view at(const SourceFile& f, Node n) { return f.slice(n.span()); }

// Offset of the `n`th occurrence (0-based) of `needle` in the file.
std::uint32_t offset_of(const SourceFile& f, std::string_view needle, int n = 0) {
  std::size_t pos = f.text().find(needle);
  while (n-- > 0 && pos != std::string_view::npos) pos = f.text().find(needle, pos + 1);
  REQUIRE(pos != std::string_view::npos);
  return static_cast<std::uint32_t>(pos);
}

bool has_message(const std::vector<lintel::parsers::Diagnostic>& diags, std::string_view text) {
  for (const auto& d : diags) {
    if (d.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("yaml: scalars of every style keep their text, style and exact span", "[yaml]") {
  const SourceFile f("t.yaml",
                     "plain: hello world\n"
                     "single: 'it''s'\n"
                     "double: \"tab\\there \\u00e9\"\n"
                     "literal: |\n"
                     "  line one\n"
                     "    indented\n"
                     "  last\n"
                     "\n"
                     "folded: >-\n"
                     "  a\n"
                     "  b\n"
                     "\n"
                     "  c\n"
                     "on: yes\n"
                     "mode: \"0755\"\n"
                     "octal: 0755\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.doc.size() == 1);
  const Node root = r.doc[0].root;
  REQUIRE(root.is_mapping());
  CHECK(root.size() == 8);

  const Node plain = root.find("plain");
  CHECK(plain.text() == "hello world");
  CHECK(plain.style() == ScalarStyle::plain);
  CHECK(plain.span() == Span{7, 18});

  const Node single = root.find("single");
  CHECK(single.text() == "it's");
  CHECK(single.style() == ScalarStyle::single_quoted);
  CHECK(at(f, single) == "'it''s'");

  const Node dq = root.find("double");
  CHECK(dq.text() == "tab\there \xC3\xA9");
  CHECK(dq.style() == ScalarStyle::double_quoted);
  CHECK(at(f, dq) == "\"tab\\there \\u00e9\"");

  const Node literal = root.find("literal");
  CHECK(literal.text() == "line one\n  indented\nlast\n");
  CHECK(literal.style() == ScalarStyle::literal);
  CHECK(at(f, literal) == "|\n  line one\n    indented\n  last");  // trailing blank line excluded
  CHECK(literal.is_block_scalar());
  CHECK(literal.block_indent() == 2);
  CHECK(f.slice(literal.content_span()) == "line one");

  const Node folded = root.find("folded");
  CHECK(folded.text() == "a b\nc");
  CHECK(folded.style() == ScalarStyle::folded);
  CHECK(at(f, folded) == ">-\n  a\n  b\n\n  c");

  // No type guessing: `on` is the string "on", `yes` stays "yes", "0755" stays "0755".
  const auto on = root.find_pair("on");
  REQUIRE(on);
  CHECK(on->key.text() == "on");
  CHECK(at(f, on->key) == "on");
  CHECK(on->value.text() == "yes");
  CHECK(root.find("mode").text() == "0755");
  CHECK(root.find("octal").text() == "0755");
  CHECK(root.find("mode").style() == ScalarStyle::double_quoted);
}

TEST_CASE("yaml: explicit tags are kept and node properties are outside the span", "[yaml]") {
  const SourceFile f("t.yaml",
                     "a: !!str 123\n"
                     "b: !custom x\n"
                     "c: !!int \"7\"\n"
                     "d: &anc !t v\n"
                     "e: &m\n"
                     "  k: 1\n"
                     "f: !<tag:example.com,2000:x> [1]\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  CHECK(root.find("a").tag() == "tag:yaml.org,2002:str");
  CHECK(at(f, root.find("a")) == "123");
  CHECK(root.find("b").tag() == "!custom");
  CHECK(at(f, root.find("b")) == "x");
  CHECK(root.find("c").as_int() == 7);  // a !!int tag makes a quoted scalar an integer
  CHECK(at(f, root.find("d")) == "v");
  CHECK(root.find("d").anchor() == "anc");
  CHECK(root.find("d").tag() == "!t");
  CHECK(at(f, root.find("e")) == "k: 1");
  CHECK(root.find("e").anchor() == "m");
  CHECK(root.find("f").tag() == "tag:example.com,2000:x");
  CHECK(at(f, root.find("f")) == "[1]");
  CHECK(root.find("plain").tag().empty());
  CHECK(root.find("e").find("k").tag().empty());
}

TEST_CASE("yaml: nested block mappings and sequences have exact spans", "[yaml]") {
  const SourceFile f("t.yaml",
                     "spec:\n"
                     "  containers:\n"
                     "    - name: app\n"
                     "      ports:\n"
                     "        - 80\n"
                     "        - 443\n"
                     "    - name: side\n"
                     "# trailing comment\n"
                     "\n"
                     "other: 1\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  CHECK(at(f, root) == f.text().substr(0, f.text().size() - 1));
  const Node spec = root.find("spec");
  // A block collection ends with its last entry, not at the next token after comments.
  CHECK(at(f, spec) ==
        "containers:\n    - name: app\n      ports:\n        - 80\n        - 443\n"
        "    - name: side");
  const Node containers = spec.find("containers");
  REQUIRE(containers.is_sequence());
  CHECK(containers.size() == 2);
  CHECK(at(f, containers[0]) == "name: app\n      ports:\n        - 80\n        - 443");
  const Node ports = containers[0].find("ports");
  CHECK(ports.size() == 2);
  CHECK(ports[1].text() == "443");
  CHECK(ports[1].span() == Span{offset_of(f, "443"), offset_of(f, "443") + 3});
  CHECK(at(f, containers[1].find("name")) == "side");
  CHECK(!ports[2]);
  CHECK(ports[2].kind() == NodeKind::none);

  std::vector<std::string_view> names;
  for (const Node c : containers.items()) names.push_back(c.find("name").text());
  CHECK(names == std::vector<std::string_view>{"app", "side"});
  std::vector<std::string_view> keys;
  for (const auto& kv : root.pairs()) keys.push_back(at(f, kv.key));
  CHECK(keys == std::vector<std::string_view>{"spec", "other"});

  // Absent nodes answer "nothing" all the way down.
  CHECK(!root.find("missing").find("deeper")[3].find("x"));
  CHECK(root.find("missing").text().empty());
  CHECK(root.find("missing").size() == 0);
}

TEST_CASE("yaml: flow collections cover their brackets", "[yaml]") {
  const SourceFile f("t.yaml", "x: {a: [1, 2], \"b\": {c: d}, e: []}\ny: [k: v, z]\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node x = r.doc[0].root.find("x");
  CHECK(x.is_flow());
  CHECK(at(f, x) == "{a: [1, 2], \"b\": {c: d}, e: []}");
  CHECK(at(f, x.find("a")) == "[1, 2]");
  CHECK(x.find("a").is_flow());
  CHECK(at(f, x.find("b")) == "{c: d}");
  const auto b = x.find_pair("b");
  REQUIRE(b);
  CHECK(at(f, b->key) == "\"b\"");
  CHECK(b->key.style() == ScalarStyle::double_quoted);
  CHECK(x.find("e").is_sequence());
  CHECK(x.find("e").empty());
  CHECK(at(f, x.find("e")) == "[]");
  // A single-pair mapping inside a flow sequence spans just the pair.
  const Node y = r.doc[0].root.find("y");
  REQUIRE(y[0].is_mapping());
  CHECK(at(f, y[0]) == "k: v");
  CHECK(y[1].text() == "z");
  CHECK(!r.doc[0].root.is_flow());
}

TEST_CASE("yaml: aliases resolve at the use site and share the anchored subtree", "[yaml]") {
  const SourceFile f("t.yaml",
                     "base: &base\n"
                     "  image: nginx\n"
                     "  ports: [80]\n"
                     "svc: *base\n"
                     "list:\n"
                     "  - &x hello\n"
                     "  - *x\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  const Node base = root.find("base");
  const Node svc = root.find("svc");
  REQUIRE(svc.is_mapping());
  CHECK(svc.is_from_alias());
  CHECK(!base.is_from_alias());
  CHECK(at(f, svc) == "*base");
  CHECK(at(f, svc.origin()) == "image: nginx\n  ports: [80]");
  CHECK(svc.origin() == base);
  CHECK(base.origin() == base);
  CHECK(svc.anchor() == "base");
  // The content is the anchored node's, with the spans where it was written.
  CHECK(svc.find("image").text() == "nginx");
  CHECK(svc.find("image") == base.find("image"));
  CHECK(svc.find("image").span() == Span{offset_of(f, "nginx"), offset_of(f, "nginx") + 5});
  CHECK(svc.find("ports")[0].text() == "80");

  const Node list = root.find("list");
  CHECK(at(f, list[0]) == "hello");
  CHECK(list[0].anchor() == "x");
  CHECK(list[1].text() == "hello");
  CHECK(list[1].is_from_alias());
  CHECK(at(f, list[1]) == "*x");
  CHECK(at(f, list[1].origin()) == "hello");
  // One record per alias use, no copy: 14 = root, 3 keys, base (6), svc, list, hello, *x.
  CHECK(r.doc.node_count() == 14);
}

TEST_CASE("yaml: merge keys add missing keys, explicit keys and earlier sources win", "[yaml]") {
  const SourceFile f("t.yaml",
                     "defaults: &defaults\n"
                     "  restart: always\n"
                     "  image: base:1\n"
                     "  env: prod\n"
                     "extra: &extra\n"
                     "  image: extra:2\n"
                     "  debug: \"true\"\n"
                     "  env: dev\n"
                     "single:\n"
                     "  <<: *defaults\n"
                     "  image: mine:3\n"
                     "multi:\n"
                     "  env: qa\n"
                     "  <<: [*extra, *defaults]\n"
                     "inline:\n"
                     "  <<: {a: 1}\n"
                     "quoted: {\"<<\": {a: 1}}\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  const Node defaults = root.find("defaults");

  const Node single = root.find("single");
  CHECK(single.size() == 3);
  CHECK(single.explicit_size() == 1);
  CHECK(single.find("image").text() == "mine:3");  // explicit wins
  CHECK(single.find("restart").text() == "always");
  CHECK(single.find("env").text() == "prod");
  // Inherited pairs keep the spans where they were defined.
  CHECK(single.find("restart").span() == defaults.find("restart").span());
  CHECK(single.find_pair("restart")->inherited);
  CHECK(!single.find_pair("image")->inherited);
  std::vector<std::string_view> keys;
  std::vector<bool> inherited;
  for (const auto& kv : single.pairs()) {
    keys.push_back(kv.key.text());
    inherited.push_back(kv.inherited);
  }
  CHECK(keys == std::vector<std::string_view>{"image", "restart", "env"});
  CHECK(inherited == std::vector<bool>{false, true, true});
  REQUIRE(single.merge_keys().size() == 1);
  const auto directive = *single.merge_keys().begin();
  CHECK(at(f, directive.key) == "<<");
  CHECK(at(f, directive.value) == "*defaults");
  CHECK(!single.find("<<"));

  const Node multi = root.find("multi");
  keys.clear();
  for (const auto& kv : multi.pairs()) keys.push_back(kv.key.text());
  CHECK(keys == std::vector<std::string_view>{"env", "image", "debug", "restart"});
  CHECK(multi.find("env").text() == "qa");          // explicit, although written first
  CHECK(multi.find("image").text() == "extra:2");   // the earlier source wins
  CHECK(multi.find("restart").text() == "always");  // only the later source has it
  CHECK(at(f, multi.find("debug")) == "\"true\"");

  CHECK(root.find("inline").find("a").text() == "1");
  // A quoted "<<" is an ordinary key.
  CHECK(root.find("quoted").find("<<").is_mapping());
  CHECK(!root.find("quoted").find("a"));
  CHECK(root.find("quoted").merge_keys().empty());

  // A source with a duplicate key contributes the occurrence its own `find` returns.
  const SourceFile h("t.yaml", "dup: &dup {a: 1, b: 0, a: 2}\nm: {<<: *dup}\n");
  const auto rh = parse_yaml(h);
  REQUIRE(rh.diagnostics.empty());
  const Node m = rh.doc[0].root.find("m");
  CHECK(m.size() == 2);
  CHECK(m.find("a").text() == "2");
  CHECK(m.find("a") == rh.doc[0].root.find("dup").find("a"));
  keys.clear();
  for (const auto& kv : m.pairs()) keys.push_back(kv.key.text());
  CHECK(keys == std::vector<std::string_view>{"b", "a"});  // in the source's order

  // Merged mappings seen through an alias keep their merges.
  const SourceFile g("t.yaml", "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: *b\n");
  const auto rg = parse_yaml(g);
  REQUIRE(rg.diagnostics.empty());
  const Node c = rg.doc[0].root.find("c");
  CHECK(c.size() == 2);
  CHECK(c.explicit_size() == 1);
  CHECK(c.find("x").text() == "1");
  CHECK(c.merge_keys().size() == 1);
}

TEST_CASE("yaml: a merge key with a scalar value is reported", "[yaml]") {
  const SourceFile f("t.yaml", "bad:\n  <<: scalar\n  k: v\nlist:\n  <<: [*nope, 1]\n");
  const auto r = parse_yaml(f);
  CHECK(has_message(r.diagnostics, "merge key \"<<\" needs a mapping"));
  CHECK(has_message(r.diagnostics, "alias \"*nope\" names no anchor"));
  CHECK(has_message(r.diagnostics, "merge key \"<<\" merges a list whose entries are not all mappings"));
  REQUIRE(r.doc.size() == 1);
  CHECK(r.doc[0].root.find("bad").find("k").text() == "v");
  // At the `<<` key, not at the merged value (which may be an alias defined far away).
  CHECK(r.diagnostics[0].span == Span{offset_of(f, "<<"), offset_of(f, "<<") + 2});
}

TEST_CASE("yaml: merging an anchored list of scalars is one diagnostic at the merge key", "[yaml]") {
  const SourceFile f("t.yaml",
                     "x-env: &env\n  - A=1\n  - B=2\n  - C=3\nservices:\n  web:\n    environment:\n"
                     "      <<: *env\n      D: 4\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].span.begin == f.text().find("<<: *env"));
  CHECK(r.doc[0].root.find("services").find("web").find("environment").find("D").text() == "4");
}

TEST_CASE("yaml: multi-document streams, explicit ends and empty documents", "[yaml]") {
  const SourceFile f("t.yaml", "a: 1\n---\nb: 2\n...\n---\n---\nc: 3\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.doc.size() == 4);
  CHECK(r.doc[0].root.find("a").text() == "1");
  CHECK(f.slice(r.doc[0].span) == "a: 1");
  CHECK(f.slice(r.doc[1].span) == "---\nb: 2\n...");
  CHECK(r.doc[1].root.find("b").text() == "2");
  CHECK(r.doc[2].root.is_scalar());
  CHECK(r.doc[2].root.is_null());
  CHECK(r.doc[3].root.find("c").text() == "3");
  for (const auto& doc : r.doc) CHECK(doc.complete);

  // Anchors are scoped to their document.
  const SourceFile g("t.yaml", "a: &x 1\n---\nb: *x\n");
  const auto rg = parse_yaml(g);
  CHECK(has_message(rg.diagnostics, "alias \"*x\" names no anchor"));
  REQUIRE(rg.doc.size() == 2);
  CHECK(rg.doc[1].root.find("b").is_null());
}

TEST_CASE("yaml: comments are ignored", "[yaml]") {
  const SourceFile f("t.yaml",
                     "# head\n"
                     "a: 1 # trailing\n"
                     "# between\n"
                     "b: [1, # inside flow\n"
                     "  2]\n"
                     "c: |\n"
                     "  # not a comment\n"
                     "# end\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  CHECK(root.size() == 3);
  CHECK(at(f, root.find("a")) == "1");
  CHECK(root.find("b").size() == 2);
  CHECK(root.find("c").text() == "# not a comment\n");
  CHECK(at(f, root.find("c")) == "|\n  # not a comment");
}

TEST_CASE("yaml: offsets inside scalar values map back to the source", "[yaml]") {
  const SourceFile f("wf.yaml",
                     "jobs:\n"
                     "  build:\n"
                     "    steps:\n"
                     "      - run: |\n"
                     "\n"
                     "          echo \"${{ github.event.issue.title }}\"\n"
                     "            indented ${{ i }}\n"
                     "          make\n"
                     "      - run: >\n"
                     "          first ${{ a }}\n"
                     "          second ${{ b }}\n"
                     "      - if: ${{ c }} && x\n"
                     "      - name: \"say ${{ d }}\"\n"
                     "      - name: 'it''s ${{ e }}'\n"
                     "      - name: \"\\u00e9\\t ${{ f }}\"\n"
                     "      - run: echo ${{ g }}\n"
                     "          more ${{ h }}\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node steps = r.doc[0].root.find("jobs").find("build").find("steps");
  REQUIRE(steps.size() == 7);
  const auto maps_to = [&](Node value, std::string_view needle) {
    const auto v = value.text().find(needle);
    REQUIRE(v != std::string_view::npos);
    const auto off = value.source_offset(f.text(), static_cast<std::uint32_t>(v));
    REQUIRE(off);
    CHECK(*off == offset_of(f, needle));
  };
  const Node literal = steps[0].find("run");
  CHECK(literal.text() ==
        "\necho \"${{ github.event.issue.title }}\"\n  indented ${{ i }}\nmake\n");
  CHECK(literal.block_indent() == 10);
  CHECK(f.slice(literal.content_span()) == "echo \"${{ github.event.issue.title }}\"");
  maps_to(literal, "${{ github");
  maps_to(literal, "${{ i }}");
  maps_to(literal, "make");
  CHECK(f.position(*literal.source_offset(f.text(), 7)).column == 17);
  CHECK(!literal.source_offset(f.text(), 0));  // the leading empty line
  CHECK(!literal.source_offset(f.text(), 999));

  const Node folded = steps[1].find("run");
  CHECK(folded.text() == "first ${{ a }} second ${{ b }}\n");
  maps_to(folded, "${{ a }}");
  maps_to(folded, "${{ b }}");
  CHECK(!folded.source_offset(f.text(), 14));  // the space that folding made of a line break

  maps_to(steps[2].find("if"), "${{ c }}");
  maps_to(steps[3].find("name"), "${{ d }}");
  maps_to(steps[4].find("name"), "${{ e }}");
  maps_to(steps[5].find("name"), "${{ f }}");
  CHECK(steps[5].find("name").source_offset(f.text(), 0) == offset_of(f, "\\u00e9"));
  CHECK(steps[5].find("name").source_offset(f.text(), 1) == offset_of(f, "\\u00e9"));
  CHECK(steps[5].find("name").source_offset(f.text(), 2) == offset_of(f, "\\t "));
  const Node plain = steps[6].find("run");
  CHECK(plain.text() == "echo ${{ g }} more ${{ h }}");
  maps_to(plain, "${{ g }}");
  maps_to(plain, "${{ h }}");
  CHECK(f.slice(steps[3].find("name").content_span()) == "say ${{ d }}");
}

TEST_CASE("yaml: block scalars with CRLF, indentation indicators and keep chomping", "[yaml]") {
  const SourceFile f("t.yaml",
                     "a: |2\r\n"
                     "     x ${{ y }}\r\n"
                     "    z\r\n"
                     "b: |+\r\n"
                     "  kept\r\n"
                     "\r\n"
                     "c: |\r\n"
                     "d: 1\r\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  const Node a = root.find("a");
  CHECK(a.text() == "   x ${{ y }}\n  z\n");
  CHECK(a.block_indent() == 2);
  CHECK(f.slice(a.content_span()) == "   x ${{ y }}");
  const auto off = a.source_offset(f.text(), 5);
  REQUIRE(off);
  CHECK(*off == offset_of(f, "${{"));
  CHECK(a.text().find('z') == 16);
  CHECK(a.source_offset(f.text(), 16) == offset_of(f, "z"));
  CHECK(!a.source_offset(f.text(), 13));  // a line break
  CHECK(root.find("b").text() == "kept\n\n");
  CHECK(at(f, root.find("b")) == "|+\r\n  kept");
  CHECK(root.find("c").text().empty());
  CHECK(at(f, root.find("c")) == "|");
  CHECK(root.find("c").content_span().empty());
  CHECK(root.find("d").span() == Span{offset_of(f, "d: 1") + 3, offset_of(f, "d: 1") + 4});
}

TEST_CASE("yaml: spans are byte offsets after multibyte characters", "[yaml]") {
  // libyaml's marks count code points; é is 2 bytes, 中文 6, 😀 4.
  const SourceFile f("t.yaml",
                     "\xC3\xA9: x\n"
                     "\xE4\xB8\xAD\xE6\x96\x87: \xF0\x9F\x98\x80\n"
                     "k: v\n"
                     "q: [\"\xF0\x9F\x98\x80\", \xC3\xA9\xC3\xA9, last]\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  auto it = root.pairs().begin();
  CHECK((*it).key.span() == Span{0, 2});
  CHECK((*it).value.span() == Span{4, 5});
  ++it;
  CHECK((*it).key.span() == Span{6, 12});
  CHECK((*it).value.span() == Span{14, 18});
  CHECK((*it).value.text() == "\xF0\x9F\x98\x80");
  ++it;
  CHECK((*it).key.span() == Span{19, 20});
  CHECK((*it).value.span() == Span{22, 23});
  const Node q = root.find("q");
  CHECK(at(f, q[0]) == "\"\xF0\x9F\x98\x80\"");
  CHECK(at(f, q[1]) == "\xC3\xA9\xC3\xA9");
  CHECK(at(f, q[2]) == "last");
  CHECK(at(f, q) == "[\"\xF0\x9F\x98\x80\", \xC3\xA9\xC3\xA9, last]");
  CHECK(f.position(q[2].span().begin).column == 14);
}

TEST_CASE("yaml: a UTF-8 byte order mark is skipped", "[yaml]") {
  const SourceFile f("t.yaml", "\xEF\xBB\xBF\xC3\xA9: b\nc: [d]\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  CHECK((*root.pairs().begin()).key.span() == Span{3, 5});
  CHECK(root.find("\xC3\xA9").span() == Span{7, 8});
  CHECK(at(f, root.find("c")) == "[d]");
  CHECK(r.doc[0].span.begin == 3);
}

TEST_CASE("yaml: CRLF line endings", "[yaml]") {
  const SourceFile f("t.yaml", "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: 'q'\r\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  CHECK(at(f, root.find("b")) == "- x\r\n  - y");
  CHECK(root.find("b")[1].span() == Span{offset_of(f, "y"), offset_of(f, "y") + 1});
  CHECK(at(f, root.find("c")) == "'q'");
  CHECK(f.position(root.find("c").span().begin).line == 5);
}

TEST_CASE("yaml: parse errors keep earlier documents and point at the problem", "[yaml]") {
  SECTION("a lone closing bracket") {
    const SourceFile f("t.yaml", "a: 1\n]\n");
    const auto r = parse_yaml(f);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].span == Span{5, 6});
    CHECK(r.diagnostics[0].message ==
          "did not find expected key (while parsing a block mapping at line 1, column 1)");
    REQUIRE(r.doc.size() == 1);
    CHECK(!r.doc[0].complete);
    CHECK(r.doc[0].root.find("a").text() == "1");
  }
  SECTION("an error in a later document") {
    const SourceFile f("t.yaml", "a: 1\n---\nb: [1, 2\nc: 3\n");
    const auto r = parse_yaml(f);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(has_message(r.diagnostics, "did not find expected ',' or ']'"));
    CHECK(f.position(r.diagnostics[0].span.begin).line == 4);
    REQUIRE(r.doc.size() == 2);
    CHECK(r.doc[0].complete);
    CHECK(r.doc[0].root.find("a").text() == "1");
    CHECK(!r.doc[1].complete);
    CHECK(r.doc[1].root.find("b").size() == 2);  // what was read before the error
  }
  SECTION("an unclosed quote") {
    const SourceFile f("t.yaml", "a: \"unclosed\nb: 1\n");
    const auto r = parse_yaml(f);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message ==
          "found unexpected end of stream (while scanning a quoted scalar at line 1, column 4)");
    CHECK(r.diagnostics[0].span == Span{18, 18});  // end of file
  }
  SECTION("a tab used as indentation") {
    const SourceFile f("t.yaml", "a:\n\tb: 1\n");
    const auto r = parse_yaml(f);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].span == Span{3, 4});
    CHECK(has_message(r.diagnostics, "found character that cannot start any token"));
  }
  SECTION("a position after multibyte characters") {
    const SourceFile f("t.yaml", "\xE4\xB8\xAD: [1\n\xF0\x9F\x98\x80: ]\n");
    const auto r = parse_yaml(f);
    REQUIRE(!r.diagnostics.empty());
    const auto pos = f.position(r.diagnostics[0].span.begin);
    CHECK(r.diagnostics[0].span == lintel::Span{12, 13});  // the ':' after 4-byte 😀
    CHECK(pos.line == 2);
    CHECK(pos.column == 2);
  }
}

TEST_CASE("yaml: NUL and invalid UTF-8 are reported exactly; what precedes is kept", "[yaml]") {
  SECTION("NUL") {
    const std::string text("a: 1\n---\nb: x\0y\n", 16);
    const SourceFile f("t.yaml", text);
    const auto r = parse_yaml(f);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].span == Span{13, 14});
    CHECK(r.diagnostics[0].message == "control character U+0000 is not allowed in YAML");
    REQUIRE(r.doc.size() == 2);
    CHECK(r.doc[0].complete);
    CHECK(!r.doc[1].complete);
  }
  SECTION("invalid UTF-8 far beyond libyaml's read-ahead") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "key: value number " + std::to_string(i) + "\n---\n";
    const auto bad = static_cast<std::uint32_t>(text.size() + 3);
    text += "b: \xFF\xFE\n";
    const SourceFile f("t.yaml", text);
    const auto r = parse_yaml(f);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].span == Span{bad, bad + 1});
    CHECK(r.diagnostics[0].message == "invalid UTF-8: unexpected byte 0xFF");
    REQUIRE(r.doc.size() == 2001);
    CHECK(r.doc[1999].complete);
    CHECK(r.doc[1999].root.find("key").text() == "value number 1999");
    CHECK(!r.doc[2000].complete);
  }
  SECTION("truncated and overlong sequences") {
    for (const std::string text : {"a: \xC3", "a: \xC0\xAF", "a: \xED\xA0\x80", "a: \xE4\xB8x"}) {
      const SourceFile f("t.yaml", text);
      const auto r = parse_yaml(f);
      REQUIRE(r.diagnostics.size() == 1);
      CHECK(r.diagnostics[0].span.begin == 3);
      CHECK(has_message(r.diagnostics, "invalid UTF-8"));
    }
  }
}

TEST_CASE("yaml: malformed input never throws or crashes", "[yaml]") {
  const std::vector<std::string> inputs = {"]",
                                           "}",
                                           "[",
                                           "{",
                                           "a: [}",
                                           "- - - -",
                                           "&",
                                           "*",
                                           "!",
                                           "? ? ?",
                                           ": :",
                                           "a: b: c",
                                           "\"",
                                           "'",
                                           "|",
                                           ">",
                                           "%YAML 1.1\n%YAML 1.1\n---\n",
                                           "--- |\n  x\n ...",
                                           "\t",
                                           "\r\r\r",
                                           "a:\n  - b\n c: d",
                                           "*a: b",
                                           "&a [*a]",
                                           "{a: *a}",
                                           "- &a\n- *a",
                                           "? - a\n  - b\n: c",
                                           "<<: [1, 2]",
                                           "<<: *a",
                                           std::string("\0\0\0", 3),
                                           "\xEF\xBB\xBF",
                                           "\xEF\xBB",
                                           "a: !!binary ==",
                                           "---\n...\n...\n",
                                           "a: |9\n  x",
                                           "a: >-1\n x",
                                           "[a, b]: c",
                                           "a: 'x\n\n  y'",
                                           "k: \"\\u\"",
                                           "k: \"\\x4\"",
                                           "k: \"\\"};
  for (const std::string& text : inputs) {
    CAPTURE(text);
    const SourceFile f("t.yaml", text);
    CHECK_NOTHROW(parse_yaml(f));
    const auto r = parse_yaml(f);
    for (const auto& d : r.diagnostics) CHECK(d.span.end <= text.size());
    for (const auto& doc : r.doc) CHECK(doc.root.span().end <= text.size());
  }
}

TEST_CASE("yaml: a 2 MB single line", "[yaml]") {
  const std::string big(2'000'000, 'x');
  const SourceFile f("t.yaml", "a: " + big + "\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  CHECK(r.doc[0].root.find("a").text().size() == big.size());
  CHECK(r.doc[0].root.find("a").span() == Span{3, 2'000'003});

  // libyaml limits implicit keys to 1024 characters: an error, not a crash.
  const SourceFile g("t.yaml", big + ": 1\n");
  const auto rg = parse_yaml(g);
  CHECK(rg.diagnostics.size() == 1);
}

TEST_CASE("yaml: a billion laughs stops at the alias expansion limit", "[yaml]") {
  std::string text = "ok: 1\n---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  const std::string levels = "abcdefghij";
  for (std::size_t i = 1; i < levels.size(); ++i) {
    text += std::string(1, levels[i]) + ": &" + levels[i] + " [";
    for (int k = 0; k < 9; ++k) text += std::string(k ? ", *" : "*") + levels[i - 1];
    text += "]\n";
  }
  const SourceFile f("t.yaml", text);
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(has_message(r.diagnostics, "alias expansion limit exceeded"));
  CHECK(r.doc.node_count() < 200);
  REQUIRE(r.doc.size() == 2);
  CHECK(r.doc[0].complete);
  CHECK(!r.doc[1].complete);

  // Heavy but legitimate reuse stays well under the limit: 2000 uses of a 50-node anchor.
  std::string reuse = "base: &b {";
  for (int i = 0; i < 24; ++i) {
    reuse += 'k';
    reuse += std::to_string(i);
    reuse += ": v, ";
  }
  reuse += "last: v}\nuses:\n";
  for (int i = 0; i < 2000; ++i) reuse += "  - *b\n";
  const SourceFile g("t.yaml", reuse);
  const auto rg = parse_yaml(g);
  CHECK(rg.diagnostics.empty());
  CHECK(rg.doc[0].root.find("uses").size() == 2000);
  CHECK(rg.doc[0].root.find("uses")[1999].find("last").text() == "v");

  // The limit is configurable.
  YamlLimits tight;
  tight.alias_expansion_base = 10;
  const auto rt = parse_yaml(g, tight);
  CHECK(has_message(rt.diagnostics, "alias expansion limit exceeded"));
}

TEST_CASE("yaml: nesting depth is bounded", "[yaml]") {
  const SourceFile f("t.yaml", "k: " + std::string(100'000, '[') + std::string(100'000, ']'));
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message ==
        "nesting depth limit exceeded: more than 512 nested collections");
  CHECK(r.diagnostics[0].span == Span{3 + 511, 3 + 512});
  REQUIRE(r.doc.size() == 1);
  CHECK(!r.doc[0].complete);

  std::string block;
  for (int i = 0; i < 600; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  const auto rb = parse_yaml(SourceFile("t.yaml", block));
  CHECK(has_message(rb.diagnostics, "nesting depth limit exceeded"));

  YamlLimits limits;
  limits.max_depth = 4;
  const SourceFile g("t.yaml", "a: {b: {c: {d: 1}}}\n");
  CHECK(parse_yaml(g, limits).diagnostics.empty());
  limits.max_depth = 3;
  CHECK(has_message(parse_yaml(g, limits).diagnostics, "more than 3 nested"));
}

TEST_CASE("yaml: empty files and comment-only files have no documents", "[yaml]") {
  for (const char* text : {"", "# only\n# comments\n", "\n\n   \n", "\xEF\xBB\xBF"}) {
    const auto r = parse_yaml(SourceFile("t.yaml", text));
    CHECK(r.diagnostics.empty());
    CHECK(r.doc.empty());
  }
  const auto r = parse_yaml(SourceFile("t.yaml", "---\n# nothing\n"));
  REQUIRE(r.doc.size() == 1);
  CHECK(r.doc[0].root.is_null());
}

TEST_CASE("yaml: duplicate keys are kept and detectable", "[yaml]") {
  const SourceFile f("t.yaml", "a: 1\nb: 2\na: 3\n'b': 4\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node root = r.doc[0].root;
  CHECK(root.size() == 4);
  CHECK(root.find("a").text() == "3");  // the last occurrence wins, as in most loaders
  const auto dups = root.duplicate_keys();
  REQUIRE(dups.size() == 2);
  CHECK(dups[0].first.span() == Span{0, 1});
  CHECK(dups[0].duplicate.span() == Span{10, 11});
  CHECK(at(f, dups[1].first) == "b");
  CHECK(at(f, dups[1].duplicate) == "'b'");
  CHECK(r.doc[0].root.find("a").duplicate_keys().empty());
}

TEST_CASE("yaml: null, boolean and integer readings are opt-in and schema-aware", "[yaml]") {
  const SourceFile f("t.yaml",
                     "[~, null, NULL, '', \"null\", !!null '', x, true, False, yes, 'true', "
                     "!!bool 'false', on, 42, -7, 0o17, 0x1F, 0644, 1_000, 9223372036854775807, "
                     "9223372036854775808, -9223372036854775808, 12abc, '5', 0b101, +3, "
                     "-0x10, Off, n, \"\"]\n");
  const auto r = parse_yaml(f);
  REQUIRE(r.diagnostics.empty());
  const Node s = r.doc[0].root;
  CHECK(s[0].is_null());
  CHECK(s[1].is_null());
  CHECK(s[2].is_null());
  CHECK(!s[3].is_null());  // a quoted empty string is a string
  CHECK(!s[4].is_null());
  CHECK(s[5].is_null());
  CHECK(!s[6].is_null());
  CHECK(s[7].as_bool() == true);
  CHECK(s[8].as_bool() == false);
  CHECK(!s[9].as_bool());
  CHECK(s[9].as_bool(Schema::yaml11) == true);
  CHECK(!s[10].as_bool());
  CHECK(!s[10].as_bool(Schema::yaml11));
  CHECK(s[11].as_bool() == false);
  CHECK(!s[12].as_bool());
  CHECK(s[12].as_bool(Schema::yaml11) == true);
  CHECK(s[13].as_int() == 42);
  CHECK(s[14].as_int() == -7);
  CHECK(s[15].as_int() == 15);
  CHECK(s[16].as_int() == 31);
  CHECK(s[17].as_int() == 644);                // YAML 1.2: decimal
  CHECK(s[17].as_int(Schema::yaml11) == 420);  // YAML 1.1 (Kubernetes): octal
  CHECK(!s[18].as_int());
  CHECK(s[18].as_int(Schema::yaml11) == 1000);
  CHECK(s[19].as_int() == INT64_MAX);
  CHECK(!s[20].as_int());
  CHECK(s[21].as_int() == INT64_MIN);
  CHECK(!s[22].as_int());
  CHECK(!s[23].as_int());
  CHECK(!s[24].as_int());
  CHECK(s[24].as_int(Schema::yaml11) == 5);
  CHECK(s[25].as_int() == 3);
  CHECK(!s[26].as_int());
  CHECK(s[26].as_int(Schema::yaml11) == -16);
  CHECK(s[27].as_bool(Schema::yaml11) == false);
  CHECK(s[28].as_bool(Schema::yaml11) == false);
  CHECK(!s[28].as_bool());
  CHECK(!s[29].is_null());
  CHECK(!s.as_bool());
  CHECK(!s.is_null());
}

TEST_CASE("yaml: nodes stay valid in copies of the stream, and parsing is thread-safe", "[yaml]") {
  Stream kept;
  Node value;
  {
    const SourceFile f("t.yaml", "a: {b: [c]}\n");
    auto r = parse_yaml(f);
    kept = r.doc;
    value = r.doc[0].root.find("a").find("b")[0];
  }
  CHECK(value.text() == "c");
  CHECK(kept[0].root.find("a").find("b")[0] == value);

  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += "---\nkind: K\nmetadata: {name: n" + std::to_string(i) + "}\nx: &a [1, 2]\ny: *a\n";
  }
  const SourceFile f("t.yaml", text);
  const std::size_t expected = parse_yaml(f).doc.node_count();
  std::vector<std::size_t> counts(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] { counts[t] = parse_yaml(f).doc.node_count(); });
  }
  for (auto& t : threads) t.join();
  for (const std::size_t c : counts) CHECK(c == expected);
}

}  // namespace t_yaml_test
