/* The emscripten module is the engine library and nothing else: this translation unit only
 * gives the link a source file; the exports come from include/wasm_ssl.h. */
typedef int wasm_ssl_emscripten_module;
