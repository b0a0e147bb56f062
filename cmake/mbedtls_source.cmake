# Where the mbedtls 3.6 source comes from: -DMBEDTLS_SOURCE_DIR=..., the environment variable
# of the same name, or scripts/fetch-mbedtls.sh (Debian 13's source package, SHA-256 checked,
# cached in third_party/, which git ignores).
if(NOT MBEDTLS_SOURCE_DIR AND DEFINED ENV{MBEDTLS_SOURCE_DIR})
  set(MBEDTLS_SOURCE_DIR "$ENV{MBEDTLS_SOURCE_DIR}")
endif()
if(NOT MBEDTLS_SOURCE_DIR)
  execute_process(
    COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/scripts/fetch-mbedtls.sh"
    OUTPUT_VARIABLE fetched OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE fetch_result)
  if(NOT fetch_result EQUAL 0)
    message(FATAL_ERROR "Could not fetch mbedtls (see above), or pass -DMBEDTLS_SOURCE_DIR=...")
  endif()
  set(MBEDTLS_SOURCE_DIR "${fetched}")
endif()
set(MBEDTLS_SOURCE_DIR "${MBEDTLS_SOURCE_DIR}" CACHE PATH "mbedtls 3.6 source tree" FORCE)
if(NOT EXISTS "${MBEDTLS_SOURCE_DIR}/include/mbedtls/ssl.h")
  message(FATAL_ERROR "MBEDTLS_SOURCE_DIR=${MBEDTLS_SOURCE_DIR} is not an mbedtls source tree")
endif()
file(STRINGS "${MBEDTLS_SOURCE_DIR}/include/mbedtls/build_info.h" version_line
     REGEX "#define MBEDTLS_VERSION_STRING +\"")
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" MBEDTLS_VERSION "${version_line}")
if(NOT MBEDTLS_VERSION MATCHES "^3\\.6\\.")
  message(FATAL_ERROR "wasm-ssl needs mbedtls 3.6.x; ${MBEDTLS_SOURCE_DIR} is ${MBEDTLS_VERSION}")
endif()
message(STATUS "mbedtls ${MBEDTLS_VERSION} from ${MBEDTLS_SOURCE_DIR}")

# Every .wasm has mbedtls compiled in: its licence text ships beside them (js/dist), taken from
# the source that was built. js/NOTICE.md says which licence applies.
if(EMSCRIPTEN OR WASM_SSL_WASI)
  configure_file("${MBEDTLS_SOURCE_DIR}/LICENSE" "${WSSL_DIST_DIR}/mbedtls-LICENSE.txt" COPYONLY)
endif()
