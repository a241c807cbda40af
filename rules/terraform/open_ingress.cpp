// TF002 open-ingress: security group ingress from the whole internet to SSH, RDP or all ports.
//
// Three shapes are checked: inline `ingress {}` blocks (or the attribute form
// `ingress = [{ ... }]`) of `aws_security_group` and `aws_default_security_group`,
// `aws_security_group_rule` with `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`
// (`cidr_ipv4` / `cidr_ipv6`). A rule is open when its CIDRs contain `0.0.0.0/0` or `::/0`
// (`ipv6_cidr_blocks` too) and its ports reach 22 or 3389: a port range that *contains* either
// (`from_port = 0, to_port = 65535`), or protocol `-1`/`all` (every port, whatever the range
// says). ICMP rules are not judged. Unknown CIDRs or ports (variables without a value, other
// resources' attributes) stay silent; only values known statically are reported.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_open_ingress {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_24"}, {"checkov", "CKV_AWS_25"}, {"checkov", "CKV_AWS_260"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html",
    "CIS AWS Foundations Benchmark 5.2: Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports",
    "https://cwe.mitre.org/data/definitions/284.html",
};
constexpr std::string_view kTags[] = {"security"};

bool is_world(std::string_view cidr) { return cidr == "0.0.0.0/0" || cidr == "::/0"; }

// The first world-open CIDR among these attributes, as a value (with its span).
// An attribute's value, or nullopt when absent: from a block, or from one object of an
// attribute-syntax list (`ingress = [{ ... }]`).
using Getter = std::function<std::optional<Value>(std::string_view)>;

Getter block_getter(const TerraformDoc& doc, const Block& b) {
  return [&doc, &b](std::string_view name) { return doc.attr_value(b, name); };
}

Getter map_getter(const Value& m) {
  return [&m](std::string_view name) -> std::optional<Value> {
    const Value* v = m.get(name);
    if (v == nullptr || v->kind == Value::Kind::null) return std::nullopt;
    return *v;
  };
}

std::optional<Value> world_cidr(const Getter& get, std::initializer_list<std::string_view> attrs) {
  for (std::string_view name : attrs) {
    const auto v = get(name);
    if (!v) continue;
    for (const Value* item : as_items(*v)) {
      if (item->is_string() && is_world(item->string)) return *item;
    }
  }
  return std::nullopt;
}

// What the rule exposes: "all ports", "port 22", … or nullopt when safe or unknown.
std::optional<std::string> exposed(const Getter& get, std::string_view protocol_attr) {
  const auto protocol = get(protocol_attr);
  std::string proto = "tcp";
  if (protocol) {
    const auto p = protocol->as_string();
    if (!p) return std::nullopt;
    proto = lower(*p);
  }
  if (proto == "-1" || proto == "all") return std::string("all ports (protocol \"" + proto + "\")");
  if (proto != "tcp" && proto != "udp" && proto != "6" && proto != "17") return std::nullopt;
  const auto from = get("from_port");
  const auto to = get("to_port");
  if (!from || !to) return std::nullopt;
  const auto f = from->as_number();
  const auto t = to->as_number();
  if (!f || !t) return std::nullopt;
  if ((*f <= 0 || *f == -1) && *t >= 65535) return std::string("all ports");
  std::string ports;
  for (const int port : {22, 3389}) {
    if (*f <= port && port <= *t) {
      if (!ports.empty()) ports += " and ";
      ports += std::to_string(port);
    }
  }
  if (ports.empty()) return std::nullopt;
  if (*f == *t) return "port " + ports;
  return fmt::format("ports {}-{} (including {})", *f, *t, ports);
}

void judge(const TerraformDoc& doc, const Block& rule, const std::string& owner,
           std::initializer_list<std::string_view> cidr_attrs, std::string_view protocol_attr,
           Reporter& out) {
  const auto cidr = world_cidr(block_getter(doc, rule), cidr_attrs);
  if (!cidr) return;
  const auto what = exposed(block_getter(doc, rule), protocol_attr);
  if (!what) return;
  const Span fallback = rule.head();
  Span where = fallback;
  for (std::string_view name : cidr_attrs) {
    if (const Attribute* a = rule.attr(name)) {
      const Span s = value_span(doc, *cidr, a->expr.span);
      if (cidr->file == doc.file && a->expr.span.contains(cidr->span)) {
        where = s;
        break;
      }
      where = a->expr.span;
    }
  }
  out.report(where, fmt::format("{} allows ingress from \"{}\" to {}", owner, cidr->string, *what));
}

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_security_group", "aws_default_security_group"}, [&](const Block& sg) {
    for (const Block* in : sg.children("ingress")) {
      judge(doc, *in, fmt::format("security group {} ingress", resource_name(sg)),
            {"cidr_blocks", "ipv6_cidr_blocks"}, "protocol", out);
    }
    // Attribute syntax: `ingress = [{ from_port = 22, ... }]`, reported at the attribute.
    const Attribute* list = sg.attr("ingress");
    if (list == nullptr) return;
    const Value entries = doc.eval(list->expr);
    if (!entries.is_list()) return;
    for (const Value& item : entries.items) {
      if (!item.is_map()) continue;
      const Getter get = map_getter(item);
      const auto cidr = world_cidr(get, {"cidr_blocks", "ipv6_cidr_blocks"});
      if (!cidr) continue;
      const auto what = exposed(get, "protocol");
      if (!what) continue;
      out.report(value_span(doc, *cidr, list->expr.span),
                 fmt::format("security group {} ingress allows ingress from \"{}\" to {}", resource_name(sg),
                             cidr->string, *what));
    }
  });
  for_each_resource(doc, {"aws_security_group_rule"}, [&](const Block& r) {
    const auto type = string_attr(doc, r, "type");
    if (!type || *type != "ingress") return;
    judge(doc, r, fmt::format("security group rule {}", resource_name(r)), {"cidr_blocks", "ipv6_cidr_blocks"},
          "protocol", out);
  });
  for_each_resource(doc, {"aws_vpc_security_group_ingress_rule"}, [&](const Block& r) {
    judge(doc, r, fmt::format("security group rule {}", resource_name(r)), {"cidr_ipv4", "cidr_ipv6"},
          "ip_protocol", out);
  });
}

}  // namespace impl_open_ingress

extern const Rule open_ingress{
    .meta = {.id = "TF002",
             .slug = "open-ingress",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "Security group allows SSH, RDP or all ports from the internet",
             .what = "Reports security group ingress (inline `ingress` blocks or `ingress = [...]` "
                     "objects of `aws_security_group` and `aws_default_security_group`, "
                     "`aws_security_group_rule` with `type = \"ingress\"`, and "
                     "`aws_vpc_security_group_ingress_rule`) from `0.0.0.0/0` or `::/0` whose "
                     "port range contains 22 or 3389, covers every port, or whose protocol is "
                     "`-1`/`all`. Values are resolved through variables, tfvars and locals; "
                     "unknown CIDRs or ports are not reported.",
             .why = "SSH and RDP open to the whole internet are scanned and brute-forced within "
                    "minutes of exposure; an all-ports rule exposes every service on the "
                    "instances, including those never meant to be public.",
             .fix = "Restrict the source to known networks (a VPN or bastion CIDR, or another "
                    "security group), or use AWS Systems Manager Session Manager instead of "
                    "opening SSH/RDP.",
             .bad = "resource \"aws_security_group\" \"ssh\" {\n"
                    "  ingress {\n"
                    "    from_port   = 22\n"
                    "    to_port     = 22\n"
                    "    protocol    = \"tcp\"\n"
                    "    cidr_blocks = [\"0.0.0.0/0\"]\n"
                    "  }\n"
                    "}\n",
             .good = "resource \"aws_security_group\" \"ssh\" {\n"
                     "  ingress {\n"
                     "    from_port   = 22\n"
                     "    to_port     = 22\n"
                     "    protocol    = \"tcp\"\n"
                     "    cidr_blocks = [\"10.0.0.0/8\"]\n"
                     "  }\n"
                     "}\n",
             .peers = impl_open_ingress::kPeers,
             .references = impl_open_ingress::kReferences,
             .tags = impl_open_ingress::kTags,
             .security_severity = "8.0",
             .example_path = "main.tf"},
    .check = for_format<model::TerraformDoc, impl_open_ingress::check>,
};

}  // namespace lintel::rules::terraform
