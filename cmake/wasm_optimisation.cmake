# How the WebAssembly builds trade size for speed (issue 7; each choice measured with
# `make bench`): the engine and mbedtls are compiled for size (-Oz), except the mbedtls sources
# that handshakes and bulk transfer spend their time in, compiled for speed (-O2: as fast as
# -O3 here, and smaller; loops not unrolled, except in GCM, whose 16-byte XORs need it).
# Native builds keep the Release default.
if(NOT (EMSCRIPTEN OR WASM_SSL_WASI))
  return()
endif()
set(speed_sources
  aes chacha20 poly1305                # record encryption
  bignum bignum_core ecp ecp_curves)   # public-key operations
set(unrolled_sources gcm)
target_compile_options(wssl_mbedtls PRIVATE -Oz)
target_compile_options(wssl_engine PRIVATE -Oz)
# (emcc turns -Oz anywhere on its command line into -fno-inline-functions: undo that too.)
foreach(name IN LISTS speed_sources)
  set_property(SOURCE "${MBEDTLS_SOURCE_DIR}/library/${name}.c" APPEND PROPERTY
    COMPILE_OPTIONS -O2 -finline-functions -fno-unroll-loops)
endforeach()
foreach(name IN LISTS unrolled_sources)
  set_property(SOURCE "${MBEDTLS_SOURCE_DIR}/library/${name}.c" APPEND PROPERTY
    COMPILE_OPTIONS -O2 -finline-functions)
endforeach()
