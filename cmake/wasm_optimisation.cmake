# How the WebAssembly builds trade size for speed (docs/performance.md; each choice measured with
# `make bench`): the engine and mbedtls are compiled for size (-Oz), except the mbedtls sources
# that handshakes and bulk transfer spend their time in, compiled for speed (-O2: as fast as
# -O3 here, and smaller; loops not unrolled, except in GCM, whose 16-byte XORs need it).
# Native builds keep the Release default.
if(NOT (EMSCRIPTEN OR WASM_SSL_WASI))
  return()
endif()
set(speed_sources
  aes poly1305                         # record encryption (ChaCha20: src/crypto)
  bignum_core ecp_curves)              # RSA's and P-384's inner loops (bignum.c, ecp.c: -Oz
                                       # as fast since P-256 and X25519 are src/crypto's: 1.4 KB)
set(unrolled_sources gcm)
target_compile_options(wssl_mbedtls PRIVATE -Oz -flto)
target_compile_options(wssl_engine PRIVATE -Oz -flto)
# (emcc turns -Oz anywhere on its command line into -fno-inline-functions: undo that too.)
foreach(name IN LISTS speed_sources)
  set_property(SOURCE "${MBEDTLS_SOURCE_DIR}/library/${name}.c" APPEND PROPERTY
    COMPILE_OPTIONS -O2 -finline-functions -fno-unroll-loops)
endforeach()
foreach(name IN LISTS unrolled_sources)
  set_property(SOURCE "${MBEDTLS_SOURCE_DIR}/library/${name}.c" APPEND PROPERTY
    COMPILE_OPTIONS -O2 -finline-functions)
endforeach()
set_property(SOURCE ${WSSL_CRYPTO_SOURCES} APPEND PROPERTY
  COMPILE_OPTIONS -O2 -finline-functions -fno-unroll-loops)
# ... but for size: the glue between mbedtls and the curves (conversions, checks: not where the
# time goes), and P-256 (-Os: 0.74 KB gzip for ~9% of the P-256 handshakes, the margin that lets
# mbedtls' NIST reduction stay for P-384 chains and P-256 key shares).
set_property(SOURCE "${CMAKE_CURRENT_SOURCE_DIR}/src/crypto/ecc_alt.cpp"
  "${CMAKE_CURRENT_SOURCE_DIR}/src/crypto/ecp_ladder_alt.cpp" APPEND PROPERTY COMPILE_OPTIONS -Oz)
set_property(SOURCE "${CMAKE_CURRENT_SOURCE_DIR}/src/crypto/p256.cpp" APPEND PROPERTY COMPILE_OPTIONS -Os)
# Link-time optimisation across mbedtls, the engine and src/crypto (-1.2 KB gzip emscripten,
# -2.3 KB WASI; handshakes as fast): code one part never reaches in another goes.
add_link_options(-flto)

# WebAssembly SIMD where it pays: only in the hand-written kernels of src/crypto (mbedtls' own
# C, auto-vectorised, got slower). The default modules link these SIMD objects ahead of
# wssl_mbedtls, whose scalar objects then go unused; the *_scalar fallback modules do not.
add_library(wssl_crypto_simd OBJECT ${WSSL_CRYPTO_SOURCES})
target_link_libraries(wssl_crypto_simd PRIVATE wssl_mbedtls)  # mbedtls' headers and config
target_include_directories(wssl_crypto_simd PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/src")
target_compile_options(wssl_crypto_simd PRIVATE -msimd128 -flto)
# The bitsliced AES works on arrays of 8 words in loops of 8: unrolled, the words stay in
# registers (locals) instead of memory.
set_property(SOURCE "${CMAKE_CURRENT_SOURCE_DIR}/src/crypto/aes.cpp" APPEND PROPERTY
  COMPILE_OPTIONS -funroll-loops)
