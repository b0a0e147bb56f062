// The engine imports stream_read/stream_write from the module "wasm_ssl" (include/wasm_ssl.h).
// The JavaScript host supplies that module when it instantiates the .wasm (js/src/engine
// passes `instantiateWasm`); these entries only tell emscripten's linker that the symbols
// are provided from outside, so every other undefined symbol is still an error.
mergeInto(LibraryManager.library, {
  stream_read: function () {
    throw new Error('wasm_ssl.stream_read must be supplied by the host at instantiation');
  },
  stream_write: function () {
    throw new Error('wasm_ssl.stream_write must be supplied by the host at instantiation');
  },
});
