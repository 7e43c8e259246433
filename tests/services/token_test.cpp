// Tokens and their hashes: SHA-256 comes from OpenSSL, checked here against the FIPS 180-4
// example vectors so a wrong binding (e.g. hashing the wrong length) cannot pass.
#include <doctest/doctest.h>

#include <set>

#include "services/access/token.hpp"

using namespace cms::services;

TEST_CASE("sha256_hex matches the FIPS 180-4 / NIST example vectors") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("generated tokens have the token shape and do not repeat") {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string token = generate_token();
        CHECK(has_token_shape(token));
        CHECK(seen.insert(token).second);
    }
}

TEST_CASE("has_token_shape refuses anything but cms_ and 64 lower-case hex digits") {
    const std::string good = "cms_" + std::string(64, 'a');
    CHECK(has_token_shape(good));
    CHECK_FALSE(has_token_shape("cms_" + std::string(63, 'a')));
    CHECK_FALSE(has_token_shape("cms_" + std::string(65, 'a')));
    CHECK_FALSE(has_token_shape("xyz_" + std::string(64, 'a')));
    CHECK_FALSE(has_token_shape("cms_" + std::string(63, 'a') + "A"));
    CHECK_FALSE(has_token_shape("cms_" + std::string(63, 'a') + "g"));
    CHECK_FALSE(has_token_shape(""));
}

TEST_CASE("user names are 1 to 64 URL- and log-safe characters") {
    CHECK(is_valid_user_name("demo-caseworker"));
    CHECK(is_valid_user_name("a.b_c-1"));
    CHECK(is_valid_user_name(std::string(64, 'x')));
    CHECK_FALSE(is_valid_user_name(""));
    CHECK_FALSE(is_valid_user_name(std::string(65, 'x')));
    CHECK_FALSE(is_valid_user_name("a b"));
    CHECK_FALSE(is_valid_user_name("a&actor=b"));
    CHECK_FALSE(is_valid_user_name("ünïcode"));
}
