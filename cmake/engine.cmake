# The engine (src/) and the table of mbedtls error names generated from mbedtls' headers.
set(WSSL_GENERATED_DIR "${CMAKE_CURRENT_BINARY_DIR}/generated")
file(GLOB MBEDTLS_PUBLIC_HEADERS "${MBEDTLS_SOURCE_DIR}/include/mbedtls/*.h")
# The wasm builds leave mbedtls' error descriptions out of the .wasm and put them in the npm
# package's dist/ (generate_error_table.cmake says why).
set(error_table_outputs "${WSSL_GENERATED_DIR}/mbedtls_error_table.inc")
set(error_table_reasons "")
if(EMSCRIPTEN OR WASM_SSL_WASI)
  set(WSSL_ERROR_REASONS_JS "${WSSL_DIST_DIR}/mbedtls_error_reasons.js")
  list(APPEND error_table_outputs "${WSSL_ERROR_REASONS_JS}")
  set(error_table_reasons -DWITH_REASONS=OFF "-DJS_OUTPUT=${WSSL_ERROR_REASONS_JS}")
endif()
add_custom_command(
  OUTPUT ${error_table_outputs}
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${WSSL_GENERATED_DIR}" "${WSSL_DIST_DIR}"
  COMMAND "${CMAKE_COMMAND}" -DMBEDTLS_INCLUDE_DIR=${MBEDTLS_SOURCE_DIR}/include
          -DOUTPUT=${WSSL_GENERATED_DIR}/mbedtls_error_table.inc ${error_table_reasons}
          -P "${CMAKE_CURRENT_SOURCE_DIR}/cmake/generate_error_table.cmake"
  DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/cmake/generate_error_table.cmake" ${MBEDTLS_PUBLIC_HEADERS}
  COMMENT "Generating mbedtls error names from its headers")

file(GLOB WSSL_ENGINE_SOURCES CONFIGURE_DEPENDS
  "${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/src/x509/*.cpp")
# ... except what mbedtls' TLS code calls (mbedtls_library.cmake builds those).
list(FILTER WSSL_ENGINE_SOURCES EXCLUDE REGEX "/src/x509/(lenient_parse|issuer_order)\\.cpp$")
add_library(wssl_engine STATIC ${WSSL_ENGINE_SOURCES} ${error_table_outputs})
target_include_directories(wssl_engine
  PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/include"
  PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/src" "${WSSL_GENERATED_DIR}")
target_link_libraries(wssl_engine PUBLIC wssl_mbedtls)
target_compile_options(wssl_engine PRIVATE -Wall -Wextra -fno-exceptions -fno-rtti)
set_target_properties(wssl_engine PROPERTIES POSITION_INDEPENDENT_CODE ON)

# The exported C ABI, read from the header so that both wasm builds export the same list.
file(STRINGS "${CMAKE_CURRENT_SOURCE_DIR}/include/wasm_ssl.h" api_lines REGEX "^WSSL_API ")
set(WSSL_EXPORTS "")
foreach(line IN LISTS api_lines)
  if(line MATCHES "(wssl_[a-z0-9_]+)\\(")
    list(APPEND WSSL_EXPORTS "${CMAKE_MATCH_1}")
  endif()
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  "${CMAKE_CURRENT_SOURCE_DIR}/include/wasm_ssl.h")
