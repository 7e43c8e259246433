#pragma once
/// API bearer tokens: "cms_" followed by 64 lower-case hex digits (32 random bytes). Only the
/// SHA-256 of a token is stored; the token itself is shown once, when it is made.
#include <string>
#include <string_view>

#include "core/access/authorisation.hpp"

namespace cms::services {

inline constexpr std::string_view token_prefix = "cms_";
inline constexpr std::size_t token_random_bytes = 32;

/// A fresh token from the kernel's random source (/dev/urandom). Throws if it cannot be read.
std::string generate_token();

/// True for text of the token shape (prefix and 64 lower-case hex digits); anything else is
/// refused before it reaches the database.
bool has_token_shape(std::string_view text);

/// SHA-256 of the bytes, as 64 lower-case hex digits (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view bytes);

/// The user-name rule lives in core (core/access/authorisation.hpp); named here for callers.
using core::is_valid_user_name;

}  // namespace cms::services
