#include "parsers/secrets/scanner.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "analyzer/model/pragma_markers.hpp"
#include "parsers/secrets/checks.hpp"
#include "parsers/secrets/detail.hpp"
#include "parsers/secrets/keywords.hpp"

namespace lintel::parsers {

namespace {

using secrets::Found;
using secrets::make_span;

enum class Kind : std::uint8_t { regex, pem, generic, pragma };
enum class Check : std::uint8_t { none, token_crc, jwt, azure_key, url };

// One detector: its keywords (stage 1), its pattern (stage 2) and its checks (stage 3).
struct PatternDef {
  std::string_view rule;
  std::string_view description;
  std::string_view keywords;  // '|'-separated, matched case-insensitively
  Kind kind = Kind::regex;
  std::string_view pattern = {};
  int group = 1;  // the capture group holding the secret
  double min_entropy = 0.0;
  Check check = Check::none;
  int priority = secrets::kFormat;
  // Characters besides [A-Za-z0-9] that continue a token: a match followed by one is a longer
  // string this format does not describe, not this token.
  std::string_view tail = {};
};

// Token shapes follow the providers' documented formats (summarised in PEERS.md §4.3).
constexpr PatternDef kPatterns[] = {
    {.rule = "SEC001", .description = "private key", .keywords = "private key",
     .kind = Kind::pem, .pattern = R"(-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----)",
     .priority = secrets::kKeyBlock},
    {.rule = "SEC002", .description = "AWS access key ID", .keywords = "akia|asia|abia|acca|a3t",
     .pattern = R"(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)", .min_entropy = 3.0},
    {.rule = "SEC002", .description = "AWS secret access key",
     .keywords = "secretaccesskey|secret_access_key|secret-access-key|aws_secret_key|"
                 "aws-secret-key|awssecretkey",
     .pattern = R"((?i)(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key)["'\]]*\s*(?:=>|:=|=|:)\s*["']?([A-Za-z0-9/+]{40}))",
     .min_entropy = 4.0, .priority = secrets::kContextual, .tail = "/+="},
    {.rule = "SEC003", .description = "GitHub token", .keywords = "ghp_|gho_|ghu_|ghs_|ghr_",
     .pattern = R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)", .min_entropy = 3.0,
     .check = Check::token_crc},
    {.rule = "SEC003", .description = "GitHub fine-grained personal access token",
     .keywords = "github_pat_", .pattern = R"(\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b)",
     .min_entropy = 3.5},
    {.rule = "SEC004", .description = "GitLab token",
     .keywords = "glpat-|gldt-|glrt-|glcbt-|glft-|glimt-|gloas-|glsoat-|glffct-",
     .pattern = R"(\b(gl(?:pat|dt|rt|cbt|ft|imt|oas|soat|ffct)-[A-Za-z0-9_-]{20,64}(?:\.[0-9a-z]{2}\.[0-9a-z]{9})?))",
     .min_entropy = 3.0, .tail = "_-"},
    {.rule = "SEC004", .description = "GitLab pipeline trigger token", .keywords = "glptt-",
     .pattern = R"(\b(glptt-[0-9a-f]{40})\b)", .min_entropy = 3.0},
    {.rule = "SEC004", .description = "GitLab agent token", .keywords = "glagent-",
     .pattern = R"(\b(glagent-[A-Za-z0-9_-]{50,256}))", .min_entropy = 3.0, .tail = "_-"},
    {.rule = "SEC004", .description = "GitLab runner registration token", .keywords = "gr1348941",
     .pattern = R"(\b(GR1348941[A-Za-z0-9_-]{20}))", .min_entropy = 3.0, .tail = "_-"},
    {.rule = "SEC005", .description = "Slack token",
     .keywords = "xoxb-|xoxp-|xoxa-|xoxo-|xoxs-|xoxr-|xoxe-",
     .pattern = R"(\b(xox[bpaosre]-[0-9]{1,14}-[A-Za-z0-9-]{10,250}))", .min_entropy = 3.0,
     .tail = "-"},
    {.rule = "SEC005", .description = "Slack configuration token", .keywords = "xoxe.xox",
     .pattern = R"(\b(xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{100,250}))", .min_entropy = 3.0},
    {.rule = "SEC005", .description = "Slack app token", .keywords = "xapp-",
     .pattern = R"(\b(xapp-[0-9]-[A-Z0-9]+-[0-9]+-[A-Za-z0-9]+))", .min_entropy = 3.0},
    {.rule = "SEC005", .description = "Slack webhook URL", .keywords = "hooks.slack.com",
     .pattern = R"(hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{34,56}))",
     .min_entropy = 3.5, .tail = "+/"},
    {.rule = "SEC006", .description = "Stripe live secret key",
     .keywords = "sk_live_|rk_live_|sk_prod_|rk_prod_",
     .pattern = R"(\b((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{10,99})\b)", .min_entropy = 3.0},
    {.rule = "SEC007", .description = "Google API key", .keywords = "aiza",
     .pattern = R"(\b(AIza[0-9A-Za-z_-]{35}))", .min_entropy = 3.5, .tail = "_-"},
    {.rule = "SEC007", .description = "Google OAuth client secret", .keywords = "gocspx-",
     .pattern = R"(\b(GOCSPX-[A-Za-z0-9_-]{28}))", .min_entropy = 3.5, .tail = "_-"},
    {.rule = "SEC008", .description = "npm access token", .keywords = "npm_",
     .pattern = R"(\b(npm_[A-Za-z0-9]{36})\b)", .min_entropy = 3.0, .check = Check::token_crc},
    {.rule = "SEC008", .description = "npm registry auth token", .keywords = "_authtoken",
     .pattern = R"(_authToken\s*=\s*["']?([^\s"'#;]{16,512}))", .min_entropy = 3.0,
     .priority = secrets::kContextual},
    {.rule = "SEC008", .description = "PyPI upload token", .keywords = "pypi-ag",
     .pattern = R"(\b(pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}))",
     .min_entropy = 3.5, .tail = "_-"},
    {.rule = "SEC009", .description = "OpenAI API key", .keywords = "t3blbkfj",
     .pattern = R"(\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}))",
     .min_entropy = 3.5, .tail = "_-"},
    {.rule = "SEC009", .description = "Anthropic API key", .keywords = "sk-ant-",
     .pattern = R"(\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA))", .min_entropy = 3.5,
     .tail = "_-"},
    {.rule = "SEC009", .description = "Hugging Face access token", .keywords = "hf_",
     .pattern = R"(\b(hf_[A-Za-z]{34})\b)", .min_entropy = 3.5},
    {.rule = "SEC009", .description = "Groq API key", .keywords = "gsk_",
     .pattern = R"(\b(gsk_[A-Za-z0-9]{52})\b)", .min_entropy = 3.5},
    {.rule = "SEC009", .description = "Replicate API token", .keywords = "r8_",
     .pattern = R"(\b(r8_[A-Za-z0-9]{37})\b)", .min_entropy = 3.5},
    {.rule = "SEC009", .description = "xAI API key", .keywords = "xai-",
     .pattern = R"(\b(xai-[A-Za-z0-9]{80})\b)", .min_entropy = 3.5},
    {.rule = "SEC009", .description = "Perplexity API key", .keywords = "pplx-",
     .pattern = R"(\b(pplx-[A-Za-z0-9]{48})\b)", .min_entropy = 3.5},
    {.rule = "SEC010", .description = "Azure storage account key", .keywords = "accountkey",
     .pattern = R"((?i)\bAccountKey\s*=\s*([A-Za-z0-9+/]{20,100}={0,2}))", .min_entropy = 3.5,
     .check = Check::azure_key, .priority = secrets::kContextual, .tail = "+/="},
    {.rule = "SEC010", .description = "Azure shared access key", .keywords = "sharedaccesskey",
     .pattern = R"((?i)\bSharedAccessKey\s*=\s*([A-Za-z0-9+/]{20,100}={0,2}))",
     .min_entropy = 3.5, .check = Check::azure_key, .priority = secrets::kContextual,
     .tail = "+/="},
    {.rule = "SEC011", .description = "JSON Web Token", .keywords = "eyj",
     .pattern = R"(\b(eyJ[A-Za-z0-9_-]{8,}\.e[yw][A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}))",
     .min_entropy = 3.0, .check = Check::jwt, .priority = secrets::kJwt, .tail = "_-"},
    {.rule = "SEC012", .description = "password in a URL", .keywords = "://",
     // The lengths (user up to 128, password up to 256, host name up to 253) are checked by
     // run_regex, not counted here: counted repetitions of this size made RE2's DFA build
     // thousands of large states, 200 M instructions for 143 windows of the corpus.
     .pattern = R"(\b([A-Za-z][A-Za-z0-9+.-]{0,30})://([^\s:@/?#"'<>\\]*):([^\s@/?#"'<>\\]+)@([A-Za-z0-9._~%-]+|\[[0-9A-Fa-f:.]{2,45}\]))",
     .group = 3, .check = Check::url, .priority = secrets::kUrl},
    {.rule = "SEC013", .description = "secret assignment",
     .keywords = "password|passwd|passphrase|pwd|pass|secret|token|apikey|api_key|api-key|"
                 "accesskey|access_key|access-key|privatekey|private_key|private-key|authkey|"
                 "auth_key|credential|creds|\"auth\"",
     .kind = Kind::generic, .priority = secrets::kGeneric},
    // Not a secret: the suppression markers, found by the same pass so the engine need not read
    // the text again for them (SecretScan::pragma_markers). Its keywords are
    // model::kPragmaMarkers (for_each_keyword).
    {.rule = "", .description = "suppression marker", .keywords = "", .kind = Kind::pragma},
};
constexpr std::size_t kDetectors = std::size(kPatterns);
static_assert(kDetectors <= 64, "keyword masks are 64-bit");

// The Azure Storage emulator's documented, public account key (devstoreaccount1).
constexpr std::string_view kAzuriteKey =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

// Calls `f(keyword)` for each keyword of a detector: its '|'-separated list, or the suppression
// markers for the marker detector.
template <class F>
constexpr void for_each_keyword(const PatternDef& p, F&& f) {
  if (p.kind == Kind::pragma) {
    for (const std::string_view m : model::kPragmaMarkers) f(m);
    return;
  }
  for (std::string_view list = p.keywords; !list.empty();) {
    const auto bar = list.find('|');
    f(list.substr(0, bar));
    list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
  }
}

// Every keyword of every detector once, in order of first appearance.
constexpr std::vector<std::string_view> all_keywords() {
  std::vector<std::string_view> out;
  for (const PatternDef& p : kPatterns) {
    for_each_keyword(p, [&](std::string_view k) {
      if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    });
  }
  return out;
}
constexpr std::size_t kKeywordCount = all_keywords().size();

// The keywords, and for each the detectors it triggers (bit d: kPatterns[d]).
struct KeywordSet {
  std::array<std::string_view, kKeywordCount> words{};
  std::array<std::uint64_t, kKeywordCount> detectors{};
};
constexpr KeywordSet kKeywords = [] {
  KeywordSet set;
  const std::vector<std::string_view> words = all_keywords();
  std::copy(words.begin(), words.end(), set.words.begin());
  for (std::size_t d = 0; d < kDetectors; ++d) {
    for_each_keyword(kPatterns[d], [&](std::string_view k) {
      const auto at = static_cast<std::size_t>(std::find(words.begin(), words.end(), k) - words.begin());
      set.detectors[at] |= std::uint64_t{1} << d;
    });
  }
  return set;
}();
// The stage 1 automaton, built by the compiler (perf: building it took half the instructions
// of a one-file scan, and its pages).
constexpr secrets::AutomatonSizes kAutomatonSizes = secrets::automaton_sizes(kKeywords.words);
constexpr auto kAutomaton = secrets::fix_automaton<kAutomatonSizes>(kKeywords.words);

// Everything the scanner compiles: built once, then only read (from any number of threads).
class Detectors {
 public:
  static const Detectors& get() {
    // The deliberate exception to "no static caches" (scanner.hpp): immutable, built lazily.
    static const Detectors instance;
    return instance;
  }

  const secrets::KeywordMatcher& matcher() const { return matcher_; }
  std::uint64_t detectors_of(std::uint32_t keyword) const { return kKeywords.detectors[keyword]; }
  // A detector's pattern, compiled on its first use (perf): compiling all of them costs about
  // 20 ms (SEC012's and SEC008's counted repetitions alone take 15), far more than one small
  // file's whole scan, and most files hit the keywords of few detectors or none. Each pattern
  // is compiled at most once per process (std::call_once), then only read by any thread.
  const RE2* regex(std::size_t d) const {
    std::call_once(compiled_[d], [&] {
      RE2::Options options;
      options.set_log_errors(false);
      regexes_[d] = std::make_unique<RE2>(
          re2::StringPiece(kPatterns[d].pattern.data(), kPatterns[d].pattern.size()), options);
    });
    return regexes_[d].get();
  }

 private:
  Detectors() = default;

  secrets::KeywordMatcher matcher_{kAutomaton};
  mutable std::array<std::once_flag, kDetectors> compiled_;
  mutable std::array<std::unique_ptr<RE2>, kDetectors> regexes_{};
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view piece(std::string_view text, const re2::StringPiece& p) {
  return text.substr(static_cast<std::size_t>(p.data() - text.data()), p.size());
}

// --- stage 3 checks that need more than the value ---

// A JWT worth reporting is signed: its header decodes to JSON naming an `alg` other than
// "none", its payload to a JSON object. jwt.io's documented example token (John Doe) is not.
bool is_signed_jwt(std::string_view token) {
  const auto dot1 = token.find('.');
  const auto dot2 = token.find('.', dot1 + 1);
  if (dot1 == std::string_view::npos || dot2 == std::string_view::npos) return false;
  const auto header = secrets::base64_decode(token.substr(0, dot1));
  const auto payload = secrets::base64_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header || !payload) return false;
  const auto alg = header->find("\"alg\"");
  if (alg == std::string::npos) return false;
  const auto open = header->find('"', header->find(':', alg));
  if (open == std::string::npos) return false;
  const auto close = header->find('"', open + 1);
  if (close == std::string::npos || lower(header->substr(open + 1, close - open - 1)) == "none")
    return false;
  const auto first = payload->find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (*payload)[first] != '{') return false;
  return payload->find("John Doe") == std::string::npos;
}

bool is_example_host(std::string_view host) {
  const std::string h = lower(host);
  constexpr std::string_view kPlaceholders[] = {"host", "hostname", "server", "domain", "your-host",
                                                "yourhost", "myhost", "example"};
  for (std::string_view p : kPlaceholders)
    if (h == p) return true;
  for (std::string_view d : {std::string_view("example.com"), std::string_view("example.org"),
                             std::string_view("example.net")})
    if (h == d || h.ends_with(std::string(".") + std::string(d))) return true;
  return h.ends_with(".example") || h.ends_with(".invalid");
}

bool is_all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A URL's `user:password@`: a literal password, not a placeholder, a variable, the user name
// repeated (`guest:guest`, a documented default) or a port number misread as one.
bool is_url_password(std::string_view user, std::string_view password, std::string_view host) {
  if (secrets::is_placeholder(password) || secrets::is_weak_word(password)) return false;
  if (password.size() < 4 || password == user || password == "x-oauth-basic") return false;
  if (is_all_digits(password) && password.size() <= 5) return false;
  return !is_example_host(host);
}

// --- SEC001: PEM and OpenSSH private key blocks ---

std::string_view key_description(std::string_view label, bool block) {
  if (block) return "PGP private key block";
  if (label == "RSA ") return "RSA private key";
  if (label == "EC ") return "EC private key";
  if (label == "DSA ") return "DSA private key";
  if (label == "OPENSSH ") return "OpenSSH private key";
  if (label == "ENCRYPTED ") return "encrypted private key";
  return "private key";
}

// The base64 body of a key block, or nullopt when the text between BEGIN and END is not one:
// line by line (real line breaks or `\n` escapes of a JSON or code string), after trimming
// indentation, quotes and concatenation operators, each line is empty, an RFC 1421 header
// (`Proc-Type: …`), or base64. Anything else (code between two markers, an elided `...` body)
// means this is not a key. A body under 64 characters is a truncated example.
std::optional<std::string> pem_body(std::string_view body) {
  std::string b64;
  std::size_t i = 0;
  const auto is_trim = [](char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '`' || c == '+' || c == ',' ||
           c == ';' || c == '|' || c == '(' || c == ')';
  };
  while (i <= body.size()) {
    // One line: up to a line break or a backslash escape.
    std::size_t j = i;
    while (j < body.size() && body[j] != '\n' && body[j] != '\r' && body[j] != '\\') ++j;
    std::string_view line = body.substr(i, j - i);
    while (!line.empty() && is_trim(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_trim(line.back())) line.remove_suffix(1);
    if (!line.empty() && line.find(':') == std::string_view::npos) {
      for (char c : line) {
        if (!(secrets::is_alnum(c) || c == '+' || c == '/' || c == '=')) return std::nullopt;
      }
      b64 += line;
    }
    if (j >= body.size()) break;
    // Skip the separator: a line break, or backslashes and the escaped letter.
    if (body[j] == '\\') {
      while (j < body.size() && body[j] == '\\') ++j;
      if (j < body.size() && (body[j] == 'n' || body[j] == 'r' || body[j] == 't')) ++j;
    } else {
      ++j;
    }
    i = j;
  }
  if (b64.size() < 64 || secrets::shannon_entropy(b64) < 4.0 || secrets::is_placeholder(b64))
    return std::nullopt;
  return b64;
}

struct NextEnd {
  std::size_t searched_from = SIZE_MAX;       // where the last search started
  std::size_t at = std::string_view::npos;   // what it found
};

struct ScanState {
  std::map<std::string, NextEnd, std::less<>> next_end;  // by END marker
  std::array<std::uint32_t, kDetectors> done_until{};  // a hit ending before this is covered
  std::uint32_t pem_until = 0;
  int service_account = -1;  // lazily: does the file hold `"type": "service_account"`
  secrets::GenericState generic;
  bool skip_generic = false;
};

void find_pem(std::string_view text, const RE2& begin_re, std::uint32_t hit_end, ScanState& st,
              std::vector<Found>& out) {
  if (hit_end <= st.pem_until) return;
  const Span line = secrets::line_window(text, hit_end, 512, 512);
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece g[3];
  std::size_t pos = line.begin;
  while (pos < line.end && begin_re.Match(input, pos, line.end, RE2::UNANCHORED, g, 3)) {
    const std::size_t marker_b = static_cast<std::size_t>(g[0].data() - text.data());
    const std::size_t marker_e = marker_b + g[0].size();
    pos = marker_e;
    const std::string_view label = piece(text, g[1]);
    const bool block = g[2].size() > 0;
    const std::string end_marker =
        fmt::format("-----END {}PRIVATE KEY{}-----", label, block ? " BLOCK" : "");
    // The next END line of this kind, searched once per kind and position (so a file of BEGIN
    // lines with no END costs one pass, not one per BEGIN), within 64 KiB of the BEGIN.
    auto& next = st.next_end[end_marker];
    if (next.searched_from > marker_e || (next.at != std::string_view::npos && next.at < marker_e) ||
        next.searched_from == SIZE_MAX) {
      next.at = text.find(end_marker, marker_e);
      next.searched_from = marker_e;
    }
    if (next.at == std::string_view::npos || next.at - marker_e > (1u << 16)) continue;
    const std::size_t end_at = next.at - marker_e;
    const std::string_view rest = text.substr(marker_e, end_at);
    auto b64 = pem_body(rest);
    if (!b64) continue;
    const std::size_t block_end = marker_e + end_at + end_marker.size();
    Found f;
    f.rule = "SEC001";
    f.description = key_description(label, block);
    f.priority = secrets::kKeyBlock;
    // A Google Cloud service-account key file: the key is the `private_key` of its JSON.
    const std::string_view prefix = text.substr(line.begin, marker_b - line.begin);
    if (prefix.find("\"private_key\"") != std::string_view::npos) {
      if (st.service_account < 0) {
        static constexpr std::string_view kType = "\"service_account\"";
        st.service_account = text.find(kType) != std::string_view::npos ? 1 : 0;
      }
      if (st.service_account == 1) {
        f.rule = "SEC007";
        f.description = "Google Cloud service account private key";
        f.priority = secrets::kStructured;
      }
    }
    f.secret = make_span(marker_e, marker_e + end_at);
    f.match = make_span(marker_b, block_end);
    f.at = make_span(marker_b, marker_e);
    f.context = std::string(text.substr(marker_b, marker_e - marker_b));
    f.secret_text = std::move(*b64);
    out.push_back(std::move(f));
    st.pem_until = static_cast<std::uint32_t>(block_end);
    if (block_end >= line.end) break;
    pos = block_end;
  }
}

// --- regex detectors ---

// SEC012 runs on every `://`: look for an `@` in the authority before paying for the regex.
bool has_userinfo(std::string_view text, std::size_t after) {
  const std::size_t limit = std::min(text.size(), after + 400);
  for (std::size_t i = after; i < limit; ++i) {
    const char c = text[i];
    if (c == '@') return true;
    if (c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'')
      return false;
  }
  return false;
}

bool passes_check(const PatternDef& p, std::string_view text, std::string_view secret,
                  const re2::StringPiece* g, Span line) {
  switch (p.check) {
    case Check::none:
      return true;
    case Check::token_crc:
      return secrets::has_valid_token_checksum(secret);
    case Check::jwt:
      return is_signed_jwt(secret);
    case Check::azure_key:
      return secret != kAzuriteKey &&
             text.substr(line.begin, line.size()).find("devstoreaccount1") == std::string_view::npos;
    case Check::url:
      return is_url_password(piece(text, g[2]), secret, piece(text, g[4]));
  }
  return true;
}

// SEC012's length limits: a user name over 128 or a password over 256 bytes is no match; a
// host name over 253 bytes matches its first 253 (`{1,253}` with nothing required after it).
bool url_lengths_ok(std::array<re2::StringPiece, 5>& g) {
  if (g[2].size() > 128 || g[3].size() > 256) return false;
  if (g[4].size() > 253 && g[4][0] != '[') {
    g[4] = re2::StringPiece(g[4].data(), 253);
    g[0] = re2::StringPiece(g[0].data(), static_cast<std::size_t>(g[4].data() + 253 - g[0].data()));
  }
  return true;
}

void run_regex(std::size_t d, const RE2& re, std::string_view text, Span window,
               std::vector<Found>& out) {
  const PatternDef& p = kPatterns[d];
  const re2::StringPiece input(text.data(), text.size());
  std::array<re2::StringPiece, 5> g{};
  const int groups = std::min(re.NumberOfCapturingGroups() + 1, 5);
  std::size_t pos = window.begin;
  while (pos < window.end &&
         re.Match(input, pos, window.end, RE2::UNANCHORED, g.data(), groups)) {
    if (p.check == Check::url && !url_lengths_ok(g)) {
      // No match at this "://" (as if the lengths were counted in the pattern): the next one
      // is after it.
      pos = static_cast<std::size_t>(g[1].data() - text.data()) + g[1].size() + 3;
      continue;
    }
    const std::size_t mb = static_cast<std::size_t>(g[0].data() - text.data());
    const std::size_t me = mb + g[0].size();
    pos = me > pos ? me : pos + 1;
    const re2::StringPiece& s = g[static_cast<std::size_t>(p.group)];
    if (s.data() == nullptr || s.empty()) continue;
    const std::size_t sb = static_cast<std::size_t>(s.data() - text.data());
    const std::size_t se = sb + s.size();
    if (se < text.size() && (secrets::is_alnum(text[se]) || p.tail.find(text[se]) != std::string_view::npos))
      continue;
    const std::string_view secret = text.substr(sb, se - sb);
    if (secrets::shannon_entropy(secret) < p.min_entropy) continue;
    if (secrets::is_placeholder(secret)) continue;
    if (!passes_check(p, text, secret, g.data(), window)) continue;
    Found f;
    f.rule = p.rule;
    f.description = p.description;
    f.priority = p.priority;
    f.secret = make_span(sb, se);
    f.match = make_span(mb, me);
    f.at = f.secret;
    if (p.check == Check::url) {
      f.context = fmt::format("{}://…@{}", piece(text, g[1]), piece(text, g[4]));
    }
    out.push_back(std::move(f));
  }
}

// --- file kinds ---

bool is_lockfile(std::string_view path) {
  const std::string name = lower(model::secrets_base_name(path));
  constexpr std::string_view kNames[] = {
      "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",        "pnpm-lock.yaml",
      "bun.lock",          "go.sum",              "cargo.lock",       "poetry.lock",
      "pipfile.lock",      "uv.lock",             "pdm.lock",         "composer.lock",
      "gemfile.lock",      "gradle.lockfile",     "packages.lock.json", "flake.lock",
      "mix.lock",          "pubspec.lock",        "podfile.lock",     ".terraform.lock.hcl",
      "conda-lock.yml",    "deno.lock",           "package.resolved"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// Source code, where an unquoted value after `password =` is a variable, never a literal.
bool is_code_file(std::string_view path) {
  const std::string name = lower(model::secrets_base_name(path));
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string_view ext = std::string_view(name).substr(dot + 1);
  constexpr std::string_view kExts[] = {
      "js",  "mjs", "cjs",  "ts",  "tsx",   "jsx",  "py",   "go",  "java", "kt",     "kts",
      "rb",  "php", "cs",   "c",   "cc",    "cpp",  "cxx",  "h",   "hh",   "hpp",    "hxx",
      "swift", "scala", "rs", "groovy", "gradle", "dart", "lua", "pl", "pm", "r",   "m",
      "mm",  "vue", "svelte", "ex", "exs",  "erl",  "clj",  "fs",  "vb",   "ipynb", "jsonnet",
      "libsonnet", "sql", "zig", "nim", "cr", "jl"};
  return std::find(std::begin(kExts), std::end(kExts), ext) != std::end(kExts);
}

// --- overlaps and the model ---

// Keeps one candidate per secret: sorted by position, a candidate overlapping kept ones
// replaces them only when it is more specific than all of them (a lower priority number).
std::vector<Found> resolve_overlaps(std::vector<Found> found) {
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.secret.begin != b.secret.begin ? a.secret.begin < b.secret.begin
                                            : a.priority < b.priority;
  });
  std::vector<Found> kept;
  kept.reserve(found.size());
  for (Found& f : found) {
    std::size_t first_overlap = kept.size();
    bool wins = true;
    while (first_overlap > 0 && kept[first_overlap - 1].secret.end > f.secret.begin) {
      --first_overlap;
      if (kept[first_overlap].priority <= f.priority) wins = false;
    }
    if (!wins) continue;
    kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(first_overlap), kept.end());
    kept.push_back(std::move(f));
  }
  return kept;
}

std::vector<model::DotenvEntry> read_dotenv(std::string_view text) {
  std::vector<model::DotenvEntry> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::size_t i = pos;
    std::size_t end = eol;
    if (end > i && text[end - 1] == '\r') --end;
    pos = eol + 1;
    while (i < end && secrets::is_space(text[i])) ++i;
    if (text.substr(i, 7) == "export ") {
      i += 7;
      while (i < end && secrets::is_space(text[i])) ++i;
    }
    const std::size_t kb = i;
    while (i < end && (secrets::is_alnum(text[i]) || text[i] == '_' || text[i] == '.' || text[i] == '-')) ++i;
    if (i == kb || i >= end || text[i] != '=' || !(text[kb] == '_' || std::isalpha(static_cast<unsigned char>(text[kb]))))
      continue;
    model::DotenvEntry e;
    e.key = {std::string(text.substr(kb, i - kb)), make_span(kb, i)};
    std::size_t vb = i + 1;
    while (vb < end && secrets::is_space(text[vb])) ++vb;
    std::size_t ve = end;
    while (ve > vb && secrets::is_space(text[ve - 1])) --ve;
    std::string_view value = text.substr(vb, ve - vb);
    if (!value.empty() && value[0] != '"' && value[0] != '\'') {
      // An unquoted value ends at an inline comment.
      if (value[0] == '#') value = {};
      else if (const auto hash = value.find(" #"); hash != std::string_view::npos) value = value.substr(0, hash);
      while (!value.empty() && secrets::is_space(value.back())) value.remove_suffix(1);
    }
    e.value = make_span(vb, vb + value.size());
    e.empty = value.empty() || value == "\"\"" || value == "''";
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<Span> first_line(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::size_t b = pos, e = eol;
    while (b < e && (secrets::is_space(text[b]) || text[b] == '\r')) ++b;
    while (e > b && (secrets::is_space(text[e - 1]) || text[e - 1] == '\r')) --e;
    const std::string_view line = text.substr(b, e - b);
    if (e > b && !line.starts_with("#") && !line.starts_with("//")) return make_span(b, e);
    pos = eol + 1;
  }
  return std::nullopt;
}

}  // namespace

model::SecretScan scan_secrets(const SourceFile& file, const SecretScanOptions& options) {
  model::SecretScan scan;
  const std::string_view text = file.text();
  scan.first_line = first_line(text);
  if (model::is_dotenv_name(file.path())) scan.dotenv = read_dotenv(text);
  if (model::is_tfstate_name(file.path())) {
    scan.terraform_state = text.find("\"terraform_version\"") != std::string_view::npos ||
                           text.find("\"lineage\"") != std::string_view::npos;
  }
  // Offsets are 32-bit; the engine's size limit keeps files far below that.
  if (text.size() >= UINT32_MAX) return scan;

  const Detectors& detectors = Detectors::get();
  ScanState st;
  st.skip_generic = !options.generic_in_lockfiles && is_lockfile(file.path());
  st.generic.code_file = is_code_file(file.path());
  std::vector<Found> found;
  const auto& matcher = detectors.matcher();
  matcher.scan(text, [&](std::uint32_t keyword, std::uint32_t end) {
    const auto begin = static_cast<std::uint32_t>(end - matcher.keyword_length(keyword));
    std::uint64_t mask = detectors.detectors_of(keyword);
    while (mask != 0) {
      const auto d = static_cast<std::size_t>(__builtin_ctzll(mask));
      mask &= mask - 1;
      const PatternDef& p = kPatterns[d];
      if (p.kind == Kind::generic) {
        if (!st.skip_generic) secrets::find_generic(text, begin, end, st.generic, found);
        continue;
      }
      if (p.kind == Kind::pragma) {
        if (!scan.pragma_markers && model::pragma_at(text, begin)) scan.pragma_markers = true;
        continue;
      }
      if (p.kind == Kind::pem) {
        find_pem(text, *detectors.regex(d), end, st, found);
        continue;
      }
      if (end <= st.done_until[d]) continue;
      if (p.check == Check::url && !has_userinfo(text, end)) continue;
      const Span window = secrets::line_window(text, begin, 512, 4096);
      run_regex(d, *detectors.regex(d), text, window, found);
      // A hit near a clipped window's end gets a window of its own: a token may cross it.
      const bool clipped = window.end < text.size() && text[window.end] != '\n' && text[window.end] != '\r';
      st.done_until[d] = clipped ? (window.end > 256 ? window.end - 256 : 0) : window.end;
    }
  });
  secrets::find_kubeconfig(file, found);

  std::vector<Found> kept = resolve_overlaps(std::move(found));
  std::sort(kept.begin(), kept.end(), [](const Found& a, const Found& b) {
    return a.at != b.at ? a.at < b.at : a.rule < b.rule;
  });
  scan.candidates.reserve(kept.size());
  for (Found& f : kept) {
    const std::string_view secret =
        f.secret_text.empty() ? text.substr(f.secret.begin, f.secret.size()) : std::string_view(f.secret_text);
    model::SecretCandidate c;
    c.rule = f.rule;
    c.description = f.description;
    c.secret = f.secret;
    c.match = f.match;
    c.at = f.at;
    c.preview = secrets::redacted_preview(secret);
    c.hash = secrets::sha256_hex(secret);
    c.context = std::move(f.context);
    scan.candidates.push_back(std::move(c));
  }
  return scan;
}

}  // namespace lintel::parsers
