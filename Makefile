# wasm-ssl. The README's two commands:
#   make demo   set up, build, and run the main demo
#   make test   set up, build, and run every test
# Everything else here is what those two are made of.
JOBS ?= $(shell nproc)
EMSDK_ENV = NODE_PATH=/usr/share/nodejs

.PHONY: demo test setup abi build native emscripten wasi wasi-example test-native test-js \
	native-asan test-native-asan fuzz-build test-fuzz bench bench-quick bench-mbedtls-crypto

demo: setup emscripten
	node examples/demo/run.mjs

test: setup build test-native test-native-asan test-fuzz test-js bench-quick

setup:
	scripts/setup.sh

build: abi native emscripten wasi

# The ABI's numbers and export list for the JS and Python front ends, from include/wasm_ssl.h.
abi:
	node scripts/generate-abi.mjs

native: setup
	cmake --preset native >/dev/null
	cmake --build --preset native -j $(JOBS)

emscripten: setup
	$(EMSDK_ENV) cmake --preset emscripten >/dev/null
	$(EMSDK_ENV) cmake --build --preset emscripten -j $(JOBS)

wasi: setup
	cmake --preset wasi >/dev/null
	cmake --build --preset wasi -j $(JOBS)

wasi-example: wasi
	node examples/wasi/run.mjs

test-native: native
	ctest --preset native -j $(JOBS)

# Bounded: a test that leaks an open handle must not keep CI waiting.
test-js: emscripten wasi
	timeout --kill-after=30s 20m npm run -s test:js

# The native suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
native-asan: setup
	cmake --preset native-asan >/dev/null
	cmake --build --preset native-asan -j $(JOBS)

test-native-asan: native-asan
	ctest --preset native-asan -j $(JOBS)

# libFuzzer harnesses (tests/fuzz/README.md); each runs FUZZ_SECONDS in `make test`.
FUZZ_SECONDS ?= 20
fuzz-build: setup
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)

test-fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_SECONDS)

# The benchmark (bench/): tables with ratios on stdout, every figure in build/bench/results.json.
# bench-quick runs each part for a moment only to prove it works (make test); no figures to keep.
bench: setup build bench-mbedtls-crypto
	node bench/run.mjs

# The "before" of the AES/GCM rows: the raw AEAD benchmark alone, built with mbedtls' own AES
# and GCM (-DWASM_SSL_CRYPTO=mbedtls) beside the shipped builds.
bench-mbedtls-crypto: setup
	$(EMSDK_ENV) cmake --preset emscripten-mbedtls-crypto >/dev/null
	$(EMSDK_ENV) cmake --build --preset emscripten-mbedtls-crypto -j $(JOBS) --target wssl_aead_bench wssl_aead_bench_scalar
	cmake --preset wasi-mbedtls-crypto >/dev/null
	cmake --build --preset wasi-mbedtls-crypto -j $(JOBS) --target wssl_aead_bench wssl_aead_bench_scalar

bench-quick: setup build
	node bench/run.mjs --quick
