// The secrets scanner: stage-3 checks, the keyword automaton, the model the scanner builds
// ([secrets-model]), that no output format ever prints a secret ([secrets-redaction]), and a
// throughput measurement that only runs when asked ([.secrets-bench], see bench/secrets/).
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "analyzer/model/secrets.hpp"
#include "parsers/secrets/checks.hpp"
#include "parsers/secrets/keywords.hpp"
#include "parsers/secrets/scanner.hpp"

namespace fs = std::filesystem;
using namespace lintel;
namespace sc = lintel::parsers::secrets;

namespace t_secrets_test {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// A GitHub/npm-format token with a correct checksum, from a deterministic body.
std::string make_token(std::string_view prefix, std::uint32_t seed) {
  std::string body;
  std::uint32_t x = seed;
  for (int i = 0; i < 30; ++i) {
    x = x * 1103515245u + 12345u;
    body += kBase62[(x >> 16) % 62];
  }
  return std::string(prefix) + body + sc::base62(sc::crc32(body), 6);
}

model::SecretScan scan(std::string_view text, std::string path = "example.txt") {
  const SourceFile file(std::move(path), std::string(text));
  return parsers::scan_secrets(file);
}

std::string slice(std::string_view text, Span s) { return std::string(text.substr(s.begin, s.size())); }

std::vector<std::string> rules_of(const model::SecretScan& s) {
  std::vector<std::string> out;
  for (const auto& c : s.candidates) out.emplace_back(c.rule);
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("entropy, CRC-32, SHA-256 and base64 helpers", "[secrets-model]") {
  CHECK(sc::shannon_entropy("") == 0.0);
  CHECK(sc::shannon_entropy("aaaa") == 0.0);
  CHECK(sc::shannon_entropy("ab") == Approx(1.0));
  CHECK(sc::shannon_entropy("abcd") == Approx(2.0));
  CHECK(sc::shannon_entropy("aabb") == Approx(1.0));
  CHECK(sc::crc32("123456789") == 0xCBF43926u);  // the standard check value
  CHECK(sc::crc32("") == 0u);
  CHECK(sc::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sc::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Two blocks: the padding crosses the 56-byte boundary.
  CHECK(sc::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sc::base62(0, 6) == "000000");
  CHECK(sc::base62(61, 1) == "z");
  CHECK(sc::base62(62, 3) == "010");
  CHECK(sc::base64_decode("eyJhbGciOiJIUzI1NiJ9") == std::string("{\"alg\":\"HS256\"}"));
  CHECK(sc::base64_decode("YQ==") == std::string("a"));
  CHECK_FALSE(sc::base64_decode("a*b").has_value());
}

TEST_CASE("GitHub and npm tokens carry a CRC-32 of their random part", "[secrets-model]") {
  const std::string token = make_token("ghp_", 7);
  REQUIRE(token.size() == 40);
  CHECK(sc::has_valid_token_checksum(token));
  CHECK(sc::has_valid_token_checksum(make_token("npm_", 99)));
  std::string wrong = token;
  wrong[10] = wrong[10] == 'A' ? 'B' : 'A';  // body changed, checksum kept
  CHECK_FALSE(sc::has_valid_token_checksum(wrong));
  std::string wrong_sum = token;
  wrong_sum.back() = wrong_sum.back() == '0' ? '1' : '0';
  CHECK_FALSE(sc::has_valid_token_checksum(wrong_sum));
  CHECK_FALSE(sc::has_valid_token_checksum("ghp_short"));
  // The checksum is the last six characters, base62 of crc32(body).
  const std::string body = token.substr(4, 30);
  CHECK(token.substr(34) == sc::base62(sc::crc32(body), 6));
}

TEST_CASE("previews show at most four characters", "[secrets-model]") {
  CHECK(sc::redacted_preview("ghp_0123456789abcdefghijklmnopqrstuvwxyz") == "ghp_\u2026");
  CHECK(sc::redacted_preview("hunter22") == "hu\u2026");
  CHECK(sc::redacted_preview("abc") == "\u2026");
  CHECK(sc::redacted_preview("") == "\u2026");
  // Never half a UTF-8 character.
  CHECK(sc::redacted_preview("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9xxxxxxxx") == "\xc3\xa9\xc3\xa9\u2026");
}

TEST_CASE("placeholder, weak-value and look-alike filters", "[secrets-model]") {
  for (std::string_view v :
       {"${DB_PASSWORD}", "{{ .Values.password }}", "$(cat /run/secrets/x)", "%(password)s",
        "<your-token>", "$PASSWORD", "%API_KEY%", "@PASSWORD@", "xxxxxxxxxxxx", "********",
        "AKIAIOSFODNN7EXAMPLE", "changeme", "your_api_key_here", "aaaaaaaaaaaa",
        "1234567890abcdef", "abcdefghijkl", "REDACTED", "sk_live_...", "dummy-token-value",
        "ababababab"}) {
    INFO(v);
    CHECK(sc::is_placeholder(v));
  }
  for (std::string_view v : {"zo0Yw203LjB6iDPu0V", "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",
                             "G8hE4zm9ScHJWJ", "c4a001af852bfd0aca0d916dae9cbf5d"}) {
    INFO(v);
    CHECK_FALSE(sc::is_placeholder(v));
  }
  CHECK(sc::is_weak_word("test"));
  CHECK(sc::is_weak_word("Test1234!"));
  CHECK(sc::is_weak_word("mysecretpassword"));
  CHECK(sc::is_weak_word("root"));
  CHECK_FALSE(sc::is_weak_word("zo0Yw203LjB6iDPu0V"));
  for (std::string_view v :
       {"123e4567-e89b-12d3-a456-426614174000", "sha512-Y2fmSnZjQdDb9W4w4r1tswlM==",
        "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
        "h1:abcdEFGH1234=", "ssh-rsa AAAAB3NzaC1yc2E", "-----BEGIN CERTIFICATE-----",
        "data:image/png;base64,iVBOR", "ENC[AES256_GCM,data:abc]", "/run/secrets/db",
        "https://vault.internal/v1/secret"}) {
    INFO(v);
    CHECK(sc::is_lookalike(v));
  }
  CHECK_FALSE(sc::is_lookalike("c4a001af852bfd0aca0d916dae9cbf5d3ed44506"));
}

TEST_CASE("the keyword automaton finds every occurrence, case-insensitively", "[secrets-model]") {
  const sc::KeywordMatcher m({"he", "she", "his", "hers"});
  std::vector<std::pair<std::uint32_t, std::uint32_t>> hits;
  m.scan("uSHErs", [&](std::uint32_t k, std::uint32_t end) { hits.emplace_back(k, end); });
  // "she" and "he" end at 4 (longest first), "hers" at 6.
  REQUIRE(hits.size() == 3);
  CHECK(hits[0] == std::make_pair(1u, 4u));
  CHECK(hits[1] == std::make_pair(0u, 4u));
  CHECK(hits[2] == std::make_pair(3u, 6u));
  CHECK(m.keyword_length(3) == 4);
  hits.clear();
  m.scan("nothing to see", [&](std::uint32_t k, std::uint32_t end) { hits.emplace_back(k, end); });
  CHECK(hits.empty());
}

TEST_CASE("the keyword automaton scans long texts in two halves with the same hits",
          "[secrets-model]") {
  // Texts from kTwoStreamsFrom bytes on are scanned as two halves at once: every occurrence,
  // including those across the middle and at either end, must come out once, in order of end,
  // longest first, exactly as a naive search finds them.
  const std::vector<std::string> keywords = {"he", "she", "his", "hers", "password", "pass", "xoxb-",
                                             "s", "secretaccesskey"};
  const sc::KeywordMatcher m(keywords);
  const auto naive = [&](const std::string& text) {
    std::vector<std::tuple<std::uint32_t, std::size_t, std::uint32_t>> hits;  // end, -len, k
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::uint32_t k = 0; k < keywords.size(); ++k)
      for (auto at = lower.find(keywords[k]); at != std::string::npos; at = lower.find(keywords[k], at + 1))
        hits.emplace_back(static_cast<std::uint32_t>(at + keywords[k].size()),
                          SIZE_MAX - keywords[k].size(), k);
    std::sort(hits.begin(), hits.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const auto& [end, len, k] : hits) out.emplace_back(k, end);
    return out;
  };
  const std::size_t n = sc::KeywordMatcher::kTwoStreamsFrom + 101;
  for (const std::string& word : {std::string("SecretAccessKey"), std::string("PASSWORD"),
                                  std::string("ushers"), std::string("xoxb-")}) {
    for (std::size_t at : {std::size_t{0}, n / 2 - 20, n / 2 - 9, n / 2 - 8, n / 2 - 3, n / 2 - 1,
                           n / 2, n / 2 + 1, n - word.size()}) {
      std::string text(n, '.');
      for (std::size_t i = 0; i < n; i += 37) text[i] = 'h';  // hits everywhere, "h" + "e"...
      for (std::size_t i = 1; i < n; i += 37) text[i] = 'e';
      text.replace(at, word.size(), word);
      INFO(word << " at " << at);
      std::vector<std::pair<std::uint32_t, std::uint32_t>> hits;
      m.scan(text, [&](std::uint32_t k, std::uint32_t end) { hits.emplace_back(k, end); });
      CHECK(hits == naive(text));
    }
  }
}

TEST_CASE("a token candidate keeps spans, preview and hash, never the secret", "[secrets-model]") {
  const std::string token = make_token("ghp_", 42);
  const std::string text = "# CI\nGITHUB_TOKEN=" + token + "\n";
  const auto s = scan(text);
  REQUIRE(s.candidates.size() == 1);
  const auto& c = s.candidates[0];
  CHECK(c.rule == "SEC003");
  CHECK(c.description == "GitHub token");
  CHECK(slice(text, c.secret) == token);
  CHECK(c.at == c.secret);
  CHECK(slice(text, c.match) == token);
  CHECK(c.preview == "ghp_\u2026");
  CHECK(c.hash == sc::sha256_hex(token));
  CHECK(c.context.find(token) == std::string::npos);
  CHECK(c.preview.find(token.substr(0, 5)) == std::string::npos);
}

TEST_CASE("checksums decide between SEC003 and the generic rule", "[secrets-model]") {
  const std::string good = make_token("ghp_", 5);
  std::string bad = good;
  bad[20] = bad[20] == 'Q' ? 'R' : 'Q';
  CHECK(rules_of(scan("token: " + good + "\n")) == std::vector<std::string>{"SEC003"});
  // A wrong checksum is no GitHub token; under a secret name it is still a high-entropy value.
  CHECK(rules_of(scan("token: " + bad + "\n")) == std::vector<std::string>{"SEC013"});
  CHECK(scan("note " + bad + "\n").candidates.empty());
  CHECK(rules_of(scan("//registry.npmjs.org/:_authToken=" + make_token("npm_", 3) + "\n")) ==
        std::vector<std::string>{"SEC008"});
}

TEST_CASE("private key blocks in files, YAML block scalars, JSON strings and code", "[secrets-model]") {
  const std::string body =
      "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
      "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n";
  const std::string pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----\n";
  auto s = scan("x: 1\n" + pem);
  REQUIRE(s.candidates.size() == 1);
  CHECK(s.candidates[0].rule == "SEC001");
  CHECK(s.candidates[0].description == "RSA private key");
  CHECK(s.candidates[0].context == "-----BEGIN RSA PRIVATE KEY-----");
  CHECK(s.candidates[0].at == Span{5, 5 + 31});
  CHECK(s.candidates[0].preview == "MIIE\u2026");
  // The hash is of the base64 body without line breaks: reformatting keeps the fingerprint.
  std::string flat = body;
  std::erase(flat, '\n');
  CHECK(s.candidates[0].hash == sc::sha256_hex(flat));

  std::string yaml = "tls:\n  key: |\n";
  for (std::string_view line : {"-----BEGIN RSA PRIVATE KEY-----",
                                "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
                                "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
                                "-----END RSA PRIVATE KEY-----"})
    yaml += "    " + std::string(line) + "\n";
  s = scan(yaml);
  REQUIRE(s.candidates.size() == 1);
  CHECK(s.candidates[0].hash == sc::sha256_hex(flat));
  CHECK(s.candidates[0].at.begin == yaml.find("-----BEGIN"));

  std::string json = "{\"key\": \"-----BEGIN PRIVATE KEY-----\\n" + body.substr(0, 64) + "\\n" +
                     body.substr(65, 64) + "\\n-----END PRIVATE KEY-----\\n\"}";
  s = scan(json);
  REQUIRE(s.candidates.size() == 1);
  CHECK(s.candidates[0].hash == sc::sha256_hex(flat));

  // A service-account key file: SEC007, not SEC001.
  const std::string sa = "{\"type\": \"service_account\",\n \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" +
                         body.substr(0, 64) + "\\n" + body.substr(65, 64) +
                         "\\n-----END PRIVATE KEY-----\\n\"}\n";
  CHECK(rules_of(scan(sa)) == std::vector<std::string>{"SEC007"});

  // Not keys: elided, placeholder, markers around code, no END.
  CHECK(scan("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n").candidates.empty());
  CHECK(scan("a = \"-----BEGIN RSA PRIVATE KEY-----\"\nfor x in y:\n  print(x)\nb = \"-----END RSA PRIVATE KEY-----\"\n").candidates.empty());
  CHECK(scan("-----BEGIN RSA PRIVATE KEY-----\n" + body).candidates.empty());
  CHECK(scan("-----BEGIN PUBLIC KEY-----\n" + body + "-----END PUBLIC KEY-----\n").candidates.empty());
}

TEST_CASE("AWS keys, JWTs and URL passwords", "[secrets-model]") {
  CHECK(rules_of(scan("aws_access_key_id = AKIAAD4KCQ7SLFUQXM23\n")) == std::vector<std::string>{"SEC002"});
  CHECK(scan("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n").candidates.empty());
  CHECK(scan("region: asia-east1\n").candidates.empty());
  const auto secret = scan("AWS_SECRET_ACCESS_KEY=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\n");
  CHECK(rules_of(secret) == std::vector<std::string>{"SEC002"});  // not SEC013 as well

  // header {"alg":"HS256","typ":"JWT"}, payload {"sub":"svc"}
  const std::string signed_jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMifQ.oc16GJm-WkV0tnWZ21XeoGC_KinN9UH";
  CHECK(rules_of(scan("Authorization: Bearer " + signed_jwt + "\n")) == std::vector<std::string>{"SEC011"});
  // {"alg":"none"}: unsigned
  CHECK(scan("t = eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdmMifQ.oc16GJm-WkV0tnWZ21XeoGC_KinN9UH\n").candidates.empty());

  const std::string url = "DATABASE_URL=postgres://app:CmnI4SJ2JvyPetLU@db:5432/app\n";
  const auto u = scan(url);
  REQUIRE(u.candidates.size() == 1);
  CHECK(u.candidates[0].rule == "SEC012");
  CHECK(slice(url, u.candidates[0].secret) == "CmnI4SJ2JvyPetLU");
  CHECK(u.candidates[0].context == "postgres://\u2026@db");
  for (std::string_view quiet : {"u = postgres://app:${DB_PASSWORD}@db/app\n", "u = postgres://app@db/app\n",
                                 "u = ftp://anonymous:@ftp/pub\n", "u = amqp://guest:guest@mq/\n",
                                 "u = https://user:password@registry/\n",
                                 "u = https://alice:Zq8wPl3xVb@example.com/\n",
                                 "u = http://proxy:3128@upstream\n"}) {
    INFO(quiet);
    CHECK(scan(quiet).candidates.empty());
  }
  // The length limits: user name up to 128 bytes, password up to 256, host name cut at 253.
  const auto sec012 = [&](const std::string& user, const std::string& password,
                          const std::string& host) -> std::optional<std::string> {
    const auto s = scan("u = postgres://" + user + ":" + password + "@" + host + "/app\n");
    for (const auto& c : s.candidates)
      if (c.rule == "SEC012") return c.context;
    return std::nullopt;
  };
  std::string password;
  for (int i = 0; i < 16; ++i) password += "CmnI4SJ2JvyPetLU";
  CHECK(sec012(std::string(128, 'u'), "CmnI4SJ2JvyPetLU", "db") == "postgres://\u2026@db");
  CHECK_FALSE(sec012(std::string(129, 'u'), "CmnI4SJ2JvyPetLU", "db"));
  CHECK(sec012("app", password, "db"));
  CHECK_FALSE(sec012("app", password + "x", "db"));
  CHECK(sec012("app", "CmnI4SJ2JvyPetLU", std::string(253, 'h')) == "postgres://\u2026@" + std::string(253, 'h'));
  CHECK(sec012("app", "CmnI4SJ2JvyPetLU", std::string(300, 'h')) == "postgres://\u2026@" + std::string(253, 'h'));
}

TEST_CASE("generic assignments in the usual syntaxes", "[secrets-model]") {
  const std::string pw = "zo0Yw203LjB6iDPu0V";
  for (const std::string& line :
       {"DB_PASSWORD=" + pw, "export DB_PASSWORD=\"" + pw + "\"", "password: " + pw,
        "\"password\": \"" + pw + "\"", "password = \"" + pw + "\"", "password := \"" + pw + "\"",
        "--password=" + pw, "--password " + pw, "<password>" + pw + "</password>",
        "ENV DB_PASSWORD " + pw, "$cfg['password'] = '" + pw + "';",
        "define('DB_PASSWORD', '" + pw + "');", "<add key=\"SmtpPassword\" value=\"" + pw + "\"/>"}) {
    const std::string text = line + "\n";
    const auto s = scan(text);
    INFO(line);
    REQUIRE(s.candidates.size() == 1);
    CHECK(s.candidates[0].rule == "SEC013");
    CHECK(slice(text, s.candidates[0].secret) == pw);
  }
  // Kubernetes env entries: name on one line, value on the next.
  const std::string env = "- name: DB_PASSWORD\n  value: \"" + pw + "\"\n";
  const auto e = scan(env);
  REQUIRE(e.candidates.size() == 1);
  CHECK(e.candidates[0].context == "DB_PASSWORD");
  CHECK(slice(env, e.candidates[0].secret) == pw);
  // Code: quoted literals only.
  CHECK(scan("password = \"" + pw + "\"\n", "app.py").candidates.size() == 1);
  CHECK(scan("password = Kv93xLq2Zp7T\n", "app.py").candidates.empty());
  CHECK(scan("password = Kv93xLq2Zp7T\n", "app.properties").candidates.size() == 1);
  // Quiet: comparisons, weak values, describing names, lockfiles.
  for (std::string_view quiet :
       {"if password == \"zo0Yw203LjB6iDPu0V\":\n", "password: test\n", "password: postgres\n",
        "password_file: /run/secrets/pw\n", "secretName: zo0Yw203LjB6iDPu0V\n",
        "token: 123e4567-e89b-12d3-a456-426614174000\n", "TOKENIZERS_PARALLELISM=false\n",
        "token: abcDEFghiJKLmnoPQR\n"}) {
    INFO(quiet);
    CHECK(scan(quiet).candidates.empty());
  }
  CHECK(scan("\"secret\": \"ToDp9S1K2Q66gukkoQntyxtFRQXFKw0p\"\n", "web/package-lock.json").candidates.empty());
  CHECK(scan("\"secret\": \"ToDp9S1K2Q66gukkoQntyxtFRQXFKw0p\"\n", "web/package.json").candidates.size() == 1);
}

TEST_CASE("kubeconfig users, dotenv entries, state files and file names", "[secrets-model]") {
  const std::string kube =
      "apiVersion: v1\nkind: Config\nusers:\n- name: deployer\n  user:\n    token: "
      "CnhNPloWtFwBYjAQQypofhwdSkOw6zhHlwob9Pp3oESSGYPt\n- name: masked\n  user:\n"
      "    client-key-data: DATA+OMITTED\n";
  const auto k = scan(kube);
  REQUIRE(k.candidates.size() == 1);  // SEC016 only: not SEC013 for `token:` as well
  CHECK(k.candidates[0].rule == "SEC016");
  CHECK(k.candidates[0].context == "deployer");
  CHECK(k.candidates[0].description == "token");

  const auto d = scan("# c\nexport A=1\nB=\nC=\"\"\nD='x' # note\n  E = spaced\n", ".env");
  REQUIRE(d.dotenv.size() == 4);  // `E = spaced` is not dotenv syntax
  CHECK(d.dotenv[0].key.value == "A");
  CHECK_FALSE(d.dotenv[0].empty);
  CHECK(d.dotenv[1].empty);
  CHECK(d.dotenv[2].empty);
  CHECK_FALSE(d.dotenv[3].empty);
  CHECK(scan("A=1\n", "config.txt").dotenv.empty());

  const std::string state = "# header\n\n  {\"version\": 4, \"lineage\": \"x\"}\n";
  const auto t = scan(state, "infra/terraform.tfstate");
  CHECK(t.terraform_state);
  REQUIRE(t.first_line.has_value());
  CHECK(slice(state, *t.first_line) == "{\"version\": 4, \"lineage\": \"x\"}");
  CHECK_FALSE(scan("\n", "terraform.tfstate").terraform_state);
  CHECK_FALSE(scan(state, "state.json").terraform_state);

  CHECK(model::is_dotenv_name(".env"));
  CHECK(model::is_dotenv_name("app/.env.production"));
  CHECK(model::is_dotenv_name("deploy/web.env"));
  CHECK_FALSE(model::is_dotenv_name(".env.example"));
  CHECK_FALSE(model::is_dotenv_name(".env.local.sample"));
  CHECK_FALSE(model::is_dotenv_name(".envrc"));
  CHECK_FALSE(model::is_dotenv_name("env.sh"));
  CHECK(model::is_tfstate_name("terraform.tfstate.backup"));
  CHECK_FALSE(model::is_tfstate_name("terraform.tfstate.d"));
  CHECK(model::is_kubeconfig_name("home/.kube/config"));
  CHECK(model::is_kubeconfig_name("ci/prod.kubeconfig"));
  CHECK_FALSE(model::is_kubeconfig_name("app/config"));
}

TEST_CASE("hostile input stays linear", "[secrets-model]") {
  // About 1 MB each, on one line: every keyword hit must cost a bounded window, or the scan
  // takes minutes instead of milliseconds. No timing is asserted here: a quadratic scan hits the
  // ctest timeout (tests/CMakeLists.txt), and the candidate count must stay bounded.
  for (std::string_view unit :
       {std::string_view("password=://-----BEGIN PRIVATE KEY-----eyJ"),
        std::string_view("passwordtokensecret"), std::string_view("a://b:c@d "),
        std::string_view("-----BEGIN RSA PRIVATE KEY-----\\nMIIE"),
        std::string_view("eyJhbGciOiJIUzI1NiJ9.eyJ"), std::string_view("<password>x"),
        std::string_view("- name: DB_PASSWORD\n")}) {
    std::string text;
    while (text.size() < (1u << 20)) text += unit;
    const auto s = scan(text);
    INFO(unit);
    CHECK(s.candidates.size() < 200000);
  }
}

// ---------------------------------------------------------------------------------------------

// Every secret the fixtures hold, as the scanner sees them: each candidate's secret text and,
// for multi-line secrets, each line of it.
std::set<std::string> fixture_secrets(std::size_t& files) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator("fixtures/secrets")) {
    if (!e.is_regular_file()) continue;
    ++files;
    const std::string path = e.path().generic_string();
    const SourceFile file(path, slurp(e.path()));
    for (const auto& c : parsers::scan_secrets(file).candidates) {
      const std::string secret = slice(file.text(), c.secret);
      out.insert(secret);
      std::string line;
      for (char ch : secret + "\n") {
        if (ch == '\n' || ch == '\\' || ch == '"') {
          std::size_t b = line.find_first_not_of(" \t");
          if (b != std::string::npos && line.size() - b >= 16) out.insert(line.substr(b));
          line.clear();
        } else {
          line += ch;
        }
      }
    }
  }
  return out;
}

std::string run_lintel(const std::string& format) {
  const std::string cmd = fmt::format("cd '{}' && '{}' scan --format {} --fail-on never fixtures/secrets 2>&1",
                                      LINTEL_SOURCE_DIR, LINTEL_BINARY, format);
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

TEST_CASE("no output format prints a secret", "[secrets-redaction]") {
  std::size_t files = 0;
  const std::set<std::string> secrets = fixture_secrets(files);
  REQUIRE(files >= 30);
  REQUIRE(secrets.size() >= 40);
  for (const std::string format : {"text", "json", "sarif", "github"}) {
    std::string out = run_lintel(format);
    INFO("format " << format);
    if (format == "sarif") {
      // The rules' help (tool.driver.rules) carries each rule's documented bad example, which is
      // the fixture itself; only what the scan reports is checked here.
      auto log = nlohmann::json::parse(out);
      for (auto& run : log["runs"]) run.erase("tool");
      out = log.dump();
    }
    // The scan really reported the fixtures' secrets.
    for (std::string_view id : {"SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC006",
                                "SEC007", "SEC008", "SEC009", "SEC010", "SEC011", "SEC012",
                                "SEC013", "SEC014", "SEC015", "SEC016"})
      CHECK(out.find(id) != std::string::npos);
    for (const std::string& s : secrets) {
      INFO("secret starting " << s.substr(0, 4) << " (" << s.size() << " chars)");
      CHECK(out.find(s) == std::string::npos);
    }
    // Every quoted preview shows at most four characters before the ellipsis.
    for (std::size_t at = out.find("\u2026"); at != std::string::npos; at = out.find("\u2026", at + 1)) {
      const std::size_t quote = out.rfind('"', at);
      if (quote == std::string::npos || at - quote > 40) continue;
      const std::string shown = out.substr(quote + 1, at - quote - 1);
      if (shown.find("://") != std::string::npos) continue;  // a URL context "postgres://…@db"
      INFO("preview " << shown);
      CHECK(shown.size() <= 4);
    }
  }
}

// Throughput of the scanner alone on a directory tree: LINTEL_BENCH_DIR=<dir> lintel_tests
// "[.secrets-bench]". Reads every file first (skipping .git, binaries and files over 2 MiB, as
// the engine does), then times scan_secrets over the bytes in memory.
TEST_CASE("secrets scanner throughput", "[.secrets-bench]") {
  const char* dir = std::getenv("LINTEL_BENCH_DIR");
  REQUIRE(dir != nullptr);
  std::vector<SourceFile> sources;
  std::size_t bytes = 0;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->file_size() > (2u << 20)) continue;
    std::string text = slurp(it->path());
    if (text.substr(0, 8192).find('\0') != std::string::npos) continue;
    bytes += text.size();
    sources.emplace_back(it->path().generic_string(), std::move(text));
  }
  (void)parsers::scan_secrets(SourceFile("warmup.txt", "password=x"));  // build the detectors
  std::size_t candidates = 0;
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    candidates = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const SourceFile& s : sources) candidates += parsers::scan_secrets(s).candidates.size();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::cout << fmt::format("{}: {} files, {:.1f} MB, best of 3: {:.3f} s, {:.1f} MB/s, {} candidates\n",
                           dir, sources.size(), bytes / 1e6, best, bytes / 1e6 / best, candidates);
  CHECK(best > 0.0);
}

}  // namespace t_secrets_test
