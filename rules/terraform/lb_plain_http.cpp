// TF011 lb-plain-http: a load balancer listener serving plain HTTP, or HTTPS with old TLS.
//
// `aws_lb_listener` / `aws_alb_listener`:
// - `protocol = "HTTP"` is reported unless every `default_action` is a `redirect` whose
//   `protocol` is `HTTPS` (the usual port-80 listener that only redirects must pass). Protocols
//   are compared case-insensitively, as the provider does. A missing
//   `protocol` is not judged (the default depends on the load balancer type).
// - `protocol = "HTTPS"`/`"TLS"` with a known `ssl_policy` that allows TLS below 1.2: a policy
//   is accepted when its name says TLS 1.2 or 1.3 is the minimum (`…TLS-1-2…`,
//   `…TLS13-1-2…`, `…TLS13-1-3…`, `…FS-1-2…`). A missing `ssl_policy` is not reported.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_lb_plain_http {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_2"}, {"checkov", "CKV_AWS_103"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html#describe-ssl-policies",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html",
    "https://cwe.mitre.org/data/definitions/319.html",
};
constexpr std::string_view kTags[] = {"security"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// true: redirects to HTTPS; false: does something else; nullopt: unknown.
std::optional<bool> redirects_to_https(const TerraformDoc& doc, const Block& listener) {
  const auto actions = listener.children("default_action");
  if (actions.empty()) return std::nullopt;
  for (const Block* a : actions) {
    const auto type = string_attr(doc, *a, "type");
    if (!type) return std::nullopt;
    if (*type != "redirect") return false;
    const Block* r = a->child("redirect");
    if (r == nullptr) return false;
    if (r->attr("protocol") == nullptr) return false;  // default "#{protocol}": keeps HTTP
    const auto proto = string_attr(doc, *r, "protocol");
    if (!proto) return std::nullopt;
    if (upper(*proto) != "HTTPS") return false;
  }
  return true;
}

bool modern_policy(std::string_view p) {
  for (std::string_view ok : {"TLS-1-2", "TLS13-1-2", "TLS13-1-3", "FS-1-2"}) {
    if (p.find(ok) != std::string_view::npos) return true;
  }
  return false;
}

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_lb_listener", "aws_alb_listener"}, [&](const Block& b) {
    const Attribute* pa = b.attr("protocol");
    if (pa == nullptr) return;
    const auto given = doc.eval(pa->expr).as_string();
    if (!given) return;
    const std::string proto = upper(*given);  // the provider accepts any case
    if (proto == "HTTP") {
      const auto redirect = redirects_to_https(doc, b);
      if (redirect && !*redirect) {
        out.report(pa->expr.span,
                   fmt::format("listener {} serves plain HTTP without redirecting to HTTPS", resource_name(b)));
      }
      return;
    }
    if (proto != "HTTPS" && proto != "TLS") return;
    const Attribute* sa = b.attr("ssl_policy");
    if (sa == nullptr) return;
    const auto policy = doc.eval(sa->expr).as_string();
    if (policy && !modern_policy(*policy)) {
      out.report(sa->expr.span, fmt::format("listener {} uses the TLS policy \"{}\", which allows TLS below 1.2",
                                            resource_name(b), *policy));
    }
  });
}

}  // namespace impl_lb_plain_http

extern const Rule lb_plain_http{
    .meta = {.id = "TF011",
             .slug = "lb-plain-http",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Load balancer listener uses plain HTTP or TLS below 1.2",
             .what = "Reports `aws_lb_listener`/`aws_alb_listener` with `protocol = \"HTTP\"` "
                     "whose default action is not a redirect to HTTPS, and HTTPS/TLS listeners "
                     "whose `ssl_policy` allows TLS 1.0 or 1.1. A port-80 listener that only "
                     "redirects to HTTPS passes.",
             .why = "Plain HTTP exposes credentials, cookies and data to anyone on the path; "
                    "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS.",
             .fix = "Serve HTTPS with a policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`, and "
                    "make the HTTP listener a `redirect` to `HTTPS` with status `HTTP_301`.",
             .bad = "resource \"aws_lb_listener\" \"web\" {\n"
                    "  load_balancer_arn = aws_lb.web.arn\n"
                    "  port              = 80\n"
                    "  protocol          = \"HTTP\"\n"
                    "  default_action {\n"
                    "    type             = \"forward\"\n"
                    "    target_group_arn = aws_lb_target_group.web.arn\n"
                    "  }\n"
                    "}\n",
             .good = "resource \"aws_lb_listener\" \"web\" {\n"
                     "  load_balancer_arn = aws_lb.web.arn\n"
                     "  port              = 80\n"
                     "  protocol          = \"HTTP\"\n"
                     "  default_action {\n"
                     "    type = \"redirect\"\n"
                     "    redirect {\n"
                     "      port        = \"443\"\n"
                     "      protocol    = \"HTTPS\"\n"
                     "      status_code = \"HTTP_301\"\n"
                     "    }\n"
                     "  }\n"
                     "}\n",
             .peers = impl_lb_plain_http::kPeers,
             .references = impl_lb_plain_http::kReferences,
             .tags = impl_lb_plain_http::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_lb_plain_http::check>,
};

}  // namespace lintel::rules::terraform
