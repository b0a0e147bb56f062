/* The WASI reactor is the engine library and nothing else: this translation unit only gives
 * the link a source file; the exports come from include/wasm_ssl.h (see CMakeLists.txt).
 * The runtime calls _initialize (from crt1-reactor.o) once before any export. */
typedef int wasm_ssl_wasi_module;
