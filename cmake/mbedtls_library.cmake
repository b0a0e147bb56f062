# mbedtls compiled from source with the project's own configuration
# (wasm/wasm_ssl_mbedtls_config.h), together with the platform functions that configuration
# asks the engine for (src/platform: entropy, clocks, counting allocator) and the primitives
# it replaces (src/crypto, MBEDTLS_*_ALT; here compiled without SIMD, see wasm_optimisation.cmake).
file(GLOB MBEDTLS_LIBRARY_SOURCES "${MBEDTLS_SOURCE_DIR}/library/*.c")
file(GLOB WSSL_PLATFORM_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/src/platform/*.cpp")
file(GLOB WSSL_CRYPTO_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/src/crypto/*.cpp")
# The certificate parser that leaves unknown critical extensions to verification
# (src/x509/lenient_parse.h) is the one the TLS code uses for peer chains, and its chain
# verification first puts decoy issuers last (src/x509/issuer_order.h): mbedtls has no hook for
# either there, so the callers are compiled with the names redirected.
set(WSSL_TLS_HOOK_SOURCES "${CMAKE_CURRENT_SOURCE_DIR}/src/x509/lenient_parse.cpp"
  "${CMAKE_CURRENT_SOURCE_DIR}/src/x509/issuer_order.cpp")
set_property(SOURCE "${MBEDTLS_SOURCE_DIR}/library/ssl_tls.c"
  "${MBEDTLS_SOURCE_DIR}/library/ssl_tls13_generic.c" APPEND PROPERTY COMPILE_DEFINITIONS
  "mbedtls_x509_crt_parse_der=wssl_x509_crt_parse_der_lenient")
set_property(SOURCE "${MBEDTLS_SOURCE_DIR}/library/ssl_tls.c" APPEND PROPERTY COMPILE_DEFINITIONS
  "mbedtls_x509_crt_verify_restartable=wssl_x509_crt_verify_restartable")
add_library(wssl_mbedtls STATIC ${MBEDTLS_LIBRARY_SOURCES} ${WSSL_PLATFORM_SOURCES}
  ${WSSL_CRYPTO_SOURCES} ${WSSL_TLS_HOOK_SOURCES})
target_include_directories(wssl_mbedtls SYSTEM PUBLIC
  "${MBEDTLS_SOURCE_DIR}/include" "${CMAKE_CURRENT_SOURCE_DIR}/wasm")
target_include_directories(wssl_mbedtls PRIVATE
  "${MBEDTLS_SOURCE_DIR}/library" "${CMAKE_CURRENT_SOURCE_DIR}/src"
  "${CMAKE_CURRENT_SOURCE_DIR}/include")
target_compile_definitions(wssl_mbedtls PUBLIC MBEDTLS_CONFIG_FILE="wasm_ssl_mbedtls_config.h")
# X25519 and P-256: src/crypto's own arithmetic (default), or mbedtls' generic ecp.c (for
# before/after figures and as the reference the differential tests compare against).
set(WASM_SSL_ECC "own" CACHE STRING "Elliptic-curve arithmetic: own (src/crypto) or mbedtls")
set_property(CACHE WASM_SSL_ECC PROPERTY STRINGS own mbedtls)
if(WASM_SSL_ECC STREQUAL "own")
  target_compile_definitions(wssl_mbedtls PUBLIC WSSL_ECC_OWN)
elseif(NOT WASM_SSL_ECC STREQUAL "mbedtls")
  message(FATAL_ERROR "WASM_SSL_ECC must be own or mbedtls, not '${WASM_SSL_ECC}'")
endif()
# mbedtls' own ecp.c, ecdh.c and ecdsa.c compiled without those hooks, as objects: a program
# that links them ahead of wssl_mbedtls gets mbedtls' generic arithmetic (the archive's hooked
# versions and src/crypto's hook files are then never pulled in). For the bench's "before"
# twins and as the differential tests' reference, in the same build.
# ecp_curves.c too, so that the reference is whole (its curves and NIST reduction as shipped).
add_library(wssl_ecc_reference OBJECT "${MBEDTLS_SOURCE_DIR}/library/ecp.c"
  "${MBEDTLS_SOURCE_DIR}/library/ecp_curves.c"
  "${MBEDTLS_SOURCE_DIR}/library/ecdh.c" "${MBEDTLS_SOURCE_DIR}/library/ecdsa.c")
target_include_directories(wssl_ecc_reference PRIVATE "${MBEDTLS_SOURCE_DIR}/include"
  "${MBEDTLS_SOURCE_DIR}/library" "${CMAKE_CURRENT_SOURCE_DIR}/wasm")
target_compile_definitions(wssl_ecc_reference PRIVATE MBEDTLS_CONFIG_FILE="wasm_ssl_mbedtls_config.h")
set_target_properties(wssl_ecc_reference PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 11)
if(EMSCRIPTEN OR WASM_SSL_WASI)
  target_compile_options(wssl_ecc_reference PRIVATE -Oz)  # as wssl_mbedtls compiles them
endif()
set_source_files_properties(${WSSL_PLATFORM_SOURCES} ${WSSL_CRYPTO_SOURCES} ${WSSL_TLS_HOOK_SOURCES} PROPERTIES
  COMPILE_OPTIONS "-fno-exceptions;-fno-rtti;-Wall;-Wextra")
set_target_properties(wssl_mbedtls PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 11)  # wasi-libc needs max_align_t

# Who provides AES and GCM: "wasm-ssl", the constant-time code of src/crypto (the default), or
# "mbedtls", its own table-based C (kept buildable: the benchmark's before/after).
set(WASM_SSL_CRYPTO "wasm-ssl" CACHE STRING "AES/GCM provider: wasm-ssl (constant-time) or mbedtls")
set_property(CACHE WASM_SSL_CRYPTO PROPERTY STRINGS wasm-ssl mbedtls)
if(WASM_SSL_CRYPTO STREQUAL "mbedtls")
  target_compile_definitions(wssl_mbedtls PUBLIC WASM_SSL_CRYPTO_MBEDTLS)
elseif(NOT WASM_SSL_CRYPTO STREQUAL "wasm-ssl")
  message(FATAL_ERROR "WASM_SSL_CRYPTO must be wasm-ssl or mbedtls, not '${WASM_SSL_CRYPTO}'")
endif()

