#include "parsers/secrets/checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <initializer_list>

namespace lintel::parsers::secrets {

namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

constexpr std::array<std::uint32_t, 256> kCrcTable = make_crc_table();

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (s.find(n) != std::string_view::npos) return true;
  return false;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// One character repeated (`aaaaa`, `00000`) or at most two distinct characters overall.
bool is_repetitive(std::string_view v) {
  std::array<bool, 256> seen{};
  int distinct = 0;
  std::size_t run = 1;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (!seen[b]) {
      seen[b] = true;
      ++distinct;
    }
    run = (i > 0 && v[i] == v[i - 1]) ? run + 1 : 1;
    if (run >= 5) return true;
  }
  return v.size() >= 4 && distinct <= 2;
}

// Six or more characters ascending or descending by one: `123456`, `abcdef`, `987654`.
bool has_sequential_run(std::string_view v) {
  std::size_t up = 1, down = 1;
  for (std::size_t i = 1; i < v.size(); ++i) {
    const int d = static_cast<unsigned char>(lower(v[i])) - static_cast<unsigned char>(lower(v[i - 1]));
    const bool alnum = (std::isalnum(static_cast<unsigned char>(v[i])) != 0);
    up = (d == 1 && alnum) ? up + 1 : 1;
    down = (d == -1 && alnum) ? down + 1 : 1;
    if (up >= 6 || down >= 6) return true;
  }
  return false;
}

bool is_uuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? v[i] != '-' : !is_hex(v[i])) return false;
  }
  return true;
}

// SHA-256 (FIPS 180-4).
class Sha256 {
 public:
  void update(std::string_view data) {
    for (char c : data) {
      block_[fill_++] = static_cast<std::uint8_t>(c);
      if (fill_ == 64) {
        compress();
        fill_ = 0;
      }
    }
    bits_ += static_cast<std::uint64_t>(data.size()) * 8;
  }

  std::string hex() {
    const std::uint64_t bits = bits_;
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
      while (fill_ < 64) block_[fill_++] = 0;
      compress();
      fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
    for (int i = 7; i >= 0; --i) block_[fill_++] = static_cast<std::uint8_t>(bits >> (i * 8));
    compress();
    std::string out;
    out.reserve(64);
    for (std::uint32_t v : h_) out += fmt::format("{:08x}", v);
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

  void compress() {
    static constexpr std::array<std::uint32_t, 64> k = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    std::array<std::uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i)
      w[i] = (std::uint32_t{block_[i * 4]} << 24) | (std::uint32_t{block_[i * 4 + 1]} << 16) |
             (std::uint32_t{block_[i * 4 + 2]} << 8) | std::uint32_t{block_[i * 4 + 3]};
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::array<std::uint32_t, 8> v = h_;
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
      const std::uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      const std::uint32_t t1 = v[7] + s1 + ch + k[i] + w[i];
      const std::uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
      const std::uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      const std::uint32_t t2 = s0 + maj;
      v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
    }
    for (int i = 0; i < 8; ++i) h_[i] += v[i];
  }

  std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<std::uint8_t, 64> block_{};
  std::size_t fill_ = 0;
  std::uint64_t bits_ = 0;
};

}  // namespace

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0.0;
  std::array<std::uint32_t, 256> counts{};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double h = 0.0;
  const double n = static_cast<double>(s.size());
  for (std::uint32_t c : counts) {
    if (c == 0) continue;
    const double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

std::uint32_t crc32(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : s) c = kCrcTable[(c ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string base62(std::uint64_t value, std::size_t width) {
  std::string out;
  do {
    out.insert(out.begin(), kBase62[value % 62]);
    value /= 62;
  } while (value != 0);
  if (out.size() < width) out.insert(out.begin(), width - out.size(), '0');
  return out;
}

bool has_valid_token_checksum(std::string_view token) {
  if (token.size() != 40) return false;
  const std::string_view body = token.substr(4, 30);
  std::uint64_t sum = 0;
  for (char c : token.substr(34)) {
    const auto at = kBase62.find(c);
    if (at == std::string_view::npos) return false;
    sum = sum * 62 + at;
  }
  return sum == crc32(body);
}

std::optional<std::string> base64_decode(std::string_view s) {
  while (!s.empty() && s.back() == '=') s.remove_suffix(1);
  std::string out;
  out.reserve(s.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFFu);
    }
  }
  return out;
}

std::string sha256_hex(std::string_view s) {
  Sha256 h;
  h.update(s);
  return h.hex();
}

std::string redacted_preview(std::string_view secret) {
  std::size_t n = std::min<std::size_t>(4, secret.size() / 4);
  // Never cut a UTF-8 sequence in two.
  while (n > 0 && n < secret.size() && (static_cast<unsigned char>(secret[n]) & 0xC0u) == 0x80u) --n;
  return std::string(secret.substr(0, n)) + "\u2026";
}

bool is_placeholder(std::string_view value) {
  if (value.empty()) return true;
  const std::string l = lowered(value);
  if (contains_any(l, {"${", "{{", "$(", "%(", "#{", "<%", "{%", "@{", "[[", "%s", "%d", "%v",
                       "{}", "{0}", "xxxx", "****", "...", "\u2026", "####", "____"}))
    return true;
  if (const auto lt = l.find('<'); lt != std::string::npos && l.find('>', lt) != std::string::npos)
    return true;
  if (l.size() > 1 && l.front() == '$' && (is_alpha(l[1]) || l[1] == '_' || l[1] == '{')) return true;
  if (l.size() > 2 && ((l.front() == '%' && l.back() == '%') || (l.front() == '@' && l.back() == '@')))
    return true;
  if (is_repetitive(value) || has_sequential_run(value)) return true;
  // Words a long random value contains by chance only rarely; past 128 characters (encoded
  // keys, certificates) a 4-letter word turns up often enough to skip real secrets.
  if (l.size() > 128) return contains_any(l, {"example", "placeholder", "redacted", "omitted"});
  return contains_any(l, {"example", "changeme", "change_me", "change-me", "changeit",
                          "placeholder", "redacted", "omitted", "dummy", "fake", "your", "replace",
                          "insert_", "insert-", "todo", "fixme", "notreal", "not_real",
                          "not-a-real"}) ||
         l.ends_with("here");
}

bool is_weak_word(std::string_view value) {
  const std::string l = lowered(value);
  if (contains_any(l, {"pass", "passw0rd", "p@ss", "secret", "test", "demo",
                       "sample", "admin", "guest", "letmein", "qwerty", "foobar", "default",
                       "welcome", "hunter2"}))
    return true;
  constexpr std::string_view kWords[] = {"user", "username", "root", "none", "null", "nil",
                                         "true", "false", "yes", "no", "on", "off", "undefined",
                                         "empty", "pass", "pwd", "token", "key", "value",
                                         "string", "str", "required", "optional", "unset",
                                         "disabled", "enabled", "notset", "n/a", "na", "tbd"};
  for (std::string_view w : kWords)
    if (l == w) return true;
  return false;
}

bool is_lookalike(std::string_view value) {
  if (is_uuid(value)) return true;
  const std::string l = lowered(value);
  constexpr std::string_view kPrefixes[] = {
      "sha1-",  "sha256-",  "sha384-", "sha512-",     "sha1:",     "sha256:", "sha384:", "sha512:",
      "md5:",   "md5-",     "h1:",     "ssh-rsa",     "ssh-ed25519", "ssh-dss", "ecdsa-sha2-",
      "sk-ssh-", "sk-ecdsa-", "-----begin", "data:",  "enc[",      "$ansible_vault", "vault:",
      "arn:",   "projects/", "secretref:", "keyvaultref:", "file:", "/", "./", "../", "~/",
      // Password hashes (crypt(3), htpasswd, LDAP): a digest, not the password.
      "$1$", "$2a$", "$2b$", "$2y$", "$5$", "$6$", "$apr1$", "$argon2", "$pbkdf2", "{ssha}",
      "{sha}", "{bcrypt}"};
  for (std::string_view p : kPrefixes)
    if (l.starts_with(p)) return true;
  return l.find("://") != std::string::npos;
}

}  // namespace lintel::parsers::secrets
