#include "services/access/token.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <stdexcept>

namespace cms::services {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

std::string to_hex(const unsigned char* bytes, std::size_t count) {
    std::string text;
    text.reserve(count * 2);
    for (std::size_t i = 0; i < count; ++i) {
        text.push_back(hex_digits[bytes[i] >> 4]);
        text.push_back(hex_digits[bytes[i] & 0x0f]);
    }
    return text;
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

std::string generate_token() {
    std::array<unsigned char, token_random_bytes> random{};
    std::ifstream source("/dev/urandom", std::ios::binary);
    source.read(reinterpret_cast<char*>(random.data()), static_cast<std::streamsize>(random.size()));
    if (!source || source.gcount() != static_cast<std::streamsize>(random.size())) {
        throw std::runtime_error("could not read the system's random source");
    }
    return std::string(token_prefix) + to_hex(random.data(), random.size());
}

bool has_token_shape(std::string_view text) {
    if (text.size() != token_prefix.size() + 2 * token_random_bytes) return false;
    if (text.substr(0, token_prefix.size()) != token_prefix) return false;
    for (const char c : text.substr(token_prefix.size())) {
        if (!is_lower_hex(c)) return false;
    }
    return true;
}

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_bytes = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &digest_bytes, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return to_hex(digest.data(), digest_bytes);
}

}  // namespace cms::services
