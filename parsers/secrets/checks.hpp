// Stage 3 of the secrets scanner: checks on one candidate value. Pure functions of the value,
// exposed for the scanner's unit tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lintel::parsers::secrets {

// Shannon entropy of the bytes of `s`, in bits per byte (0 for an empty string).
[[nodiscard]] double shannon_entropy(std::string_view s);

// CRC-32 (IEEE 802.3, the zlib/PNG one) of `s`.
[[nodiscard]] std::uint32_t crc32(std::string_view s);

// `value` in base62 (0-9A-Za-z), left-padded with '0' to `width` digits.
[[nodiscard]] std::string base62(std::uint64_t value, std::size_t width);

// GitHub (`ghp_`…) and npm (`npm_`) tokens: a 4-character prefix, 30 random base62 characters
// and a 6-digit base62 CRC-32 of those 30 characters
// (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
[[nodiscard]] bool has_valid_token_checksum(std::string_view token);

// Base64url (or standard base64) without padding requirements; nullopt on a bad character.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view s);

// SHA-256 of `s` as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view s);

// The redacted preview: the first min(4, size/4) characters, then "…". Long secrets show four
// characters ("ghp_…"); short ones show fewer, so an 8-character password shows two.
[[nodiscard]] std::string redacted_preview(std::string_view secret);

// A value no real secret looks like, whatever the detector: template and variable references
// (`${X}`, `{{ x }}`, `$(x)`, `%(x)s`, `<x>`, `$X`, `%X%`), masks (`xxxx`, `****`, `...`), the
// words EXAMPLE, changeme, placeholder, redacted, dummy, fake, `your_…`/`…_here`, a value made of
// one or two characters repeated, and ascending runs (`123456`, `abcdef`).
[[nodiscard]] bool is_placeholder(std::string_view value);

// A value that names a weak or test credential rather than holding a secret: it contains
// password, secret, test, demo, sample, admin, guest, letmein, qwerty or foobar, or is exactly
// a common word (user, root, none, null, true, …). Only the generic detectors use it: a
// format-specific token that happens to contain "test" is still a token.
[[nodiscard]] bool is_weak_word(std::string_view value);

// Structured values that are not credentials: UUIDs, integrity hashes (`sha512-…`,
// `sha256:…`, go.sum `h1:…`), public keys and certificates, data URIs, sops/Vault envelopes.
[[nodiscard]] bool is_lookalike(std::string_view value);

}  // namespace lintel::parsers::secrets
