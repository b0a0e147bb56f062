// JavaScript that the emscripten build links in (--js-library).
mergeInto(LibraryManager.library, {
  // The engine imports stream_read/stream_write from the module "wasm_ssl"
  // (include/wasm_ssl.h). The JavaScript host supplies that module when it instantiates the
  // .wasm (js/src/engine/emscripten.js passes `instantiateWasm`); these entries only tell
  // emscripten's linker that the symbols come from outside, so every other undefined symbol
  // is still an error.
  stream_read: function () {
    throw new Error('wasm_ssl.stream_read must be supplied by the host at instantiation');
  },
  stream_write: function () {
    throw new Error('wasm_ssl.stream_write must be supplied by the host at instantiation');
  },

  // The engine's only entropy source (src/platform/entropy.cpp). Emscripten's own version
  // calls crypto.getRandomValues once per byte and aborts the module when it is missing;
  // this one fills the buffer in one call and reports a failure as -1, so that the engine
  // refuses to seed (MBEDTLS_ERR_ENTROPY_SOURCE_FAILED) and the host gets an error, not a trap.
  getentropy: function (buffer, size) {
    try {
      crypto.getRandomValues(HEAPU8.subarray(buffer, buffer + size));
      return 0;
    } catch (e) {
      return -1;
    }
  },
});
