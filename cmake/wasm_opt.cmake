# The one binaryen step after every link of a shipped module, the same for the emscripten and
# the WASI builds. Strip first (binaryen optimises less while DWARF is present), then -Os:
# smaller than -O3 and -Oz here, as fast as -O3 (docs/performance.md). --low-memory-unused lets
# it fold constants into load/store offsets where the sum could only wrap into the first 1 KB of
# memory: emscripten keeps that KB unused (its GLOBAL_BASE); the WASI modules put their stack
# first, so that KB is the last of the stack and a stack within 1 KB of overflowing only traps
# a little earlier.
find_program(WASM_OPT wasm-opt REQUIRED)
set(WSSL_WASM_OPT_PASSES --strip-debug --strip-producers --strip-target-features -Os --low-memory-unused --converge)

# Optimises the linked module `input` of `target` into `output`; simd: the module uses
# WebAssembly SIMD (binaryen must be told, the target-features section being stripped).
function(wssl_wasm_opt target input output simd)
  set(features "")
  if(simd)
    set(features --enable-simd)
  endif()
  get_filename_component(name "${output}" NAME)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${WASM_OPT}" ${features} ${WSSL_WASM_OPT_PASSES} "${input}" -o "${output}"
    COMMENT "wasm-opt: ${name}")
endfunction()
