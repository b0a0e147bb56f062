# "wasi-sdk" on this machine: clang with --target=wasm32-wasi, Debian's wasi-libc, libc++ and
# compiler-rt for wasm32 (they are found without --sysroot).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(WASM_SSL_WASI ON CACHE BOOL "Build the WASI reactor" FORCE)
find_program(WASI_CLANG NAMES clang-14 clang REQUIRED)
find_program(WASI_CLANGXX NAMES clang++-14 clang++ REQUIRED)
set(CMAKE_C_COMPILER "${WASI_CLANG}")
set(CMAKE_CXX_COMPILER "${WASI_CLANGXX}")
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
