// Types of the npm package `wasm-ssl` (js/src/index.js).

// Host types that only some programs have (lib "dom", @types/node): the real ones where they
// are, `any` where they are not, so that these declarations compile in every such program
// (with skipLibCheck off). @ts-ignore is what lets a name be missing.
// @ts-ignore
type WasmModule = WebAssembly.Module;
// @ts-ignore
type WasmInstance = WebAssembly.Instance;
// @ts-ignore
type WebUrl = URL;
// @ts-ignore
type ByteReadableStream = ReadableStream<Uint8Array>;
// @ts-ignore
type ByteWritableStream = WritableStream<Uint8Array>;
// @ts-ignore
type NodeDuplex = import('node:stream').Duplex;

/** Bytes as the package accepts them: strings are UTF-8 (PEM text, HTTP requests, ...). */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView | string;

export interface LoadOptions {
  /** Which build to instantiate (default 'emscripten'). */
  runtime?: 'emscripten' | 'wasi';
  /** The .wasm bytes, for bundlers and offline pages. */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** An already compiled module. */
  wasmModule?: WasmModule;
  /** Where to fetch the .wasm from (default: dist/ next to the package). */
  wasmUrl?: string | WebUrl;
  /** The default .wasm with WebAssembly SIMD (true) or its scalar twin (false); default: SIMD
   * where the engine supports it. Ignored with wasmBinary / wasmModule / wasmUrl. */
  simd?: boolean;
  /**
   * runtime 'wasi' only: the WASI preview1 implementation, as node:wasi's `WASI` or a browser
   * WASI shim: its `wasiImport` is imported and `initialize(instance)` is called once (it runs
   * the reactor's `_initialize`). Default in Node: a node:wasi `WASI`; elsewhere required
   * (or `wasiImport`). The module imports only `clock_time_get` and `random_get` from it.
   */
  wasi?: { wasiImport: Record<string, Function>; initialize(instance: WasmInstance): void };
  /** runtime 'wasi' only: the preview1 functions alone; the package calls `_initialize`. */
  wasiImport?: Record<string, Function>;
}

export declare function load(options?: LoadOptions): Promise<SslModule>;

export declare const CERT_NONE: 0;
export declare const CERT_OPTIONAL: 1;
export declare const CERT_REQUIRED: 2;
export type CertReqs = 0 | 1 | 2;
export declare const WOULD_BLOCK: -11;

/**
 * The engine's transport: synchronous, never waiting. read/write return a byte count,
 * 0 (read: end of stream), WOULD_BLOCK (-11) or -errno. whenReady, when present, resolves
 * when the direction may make progress; without it, blocking mode polls.
 */
export interface HostStreamLike {
  read(buf: Uint8Array): number;
  write(buf: Uint8Array): number;
  close?(): void;
  whenReady?(direction: 'read' | 'write'): Promise<void>;
}

export declare class HostStream implements HostStreamLike {
  constructor(options?: { highWaterMark?: number });
  readonly highWaterMark: number;
  read(buf: Uint8Array): number;
  write(buf: Uint8Array): number;
  close(): void;
  /** Lets go of the transport without closing it. */
  detach(): void;
  whenReady(direction: 'read' | 'write'): Promise<void>;
}

export declare class NodeStreamHost extends HostStream {
  constructor(socket: unknown, options?: { highWaterMark?: number });
  readonly socket: unknown;
}
export declare class WebSocketHost extends HostStream {
  constructor(ws: unknown, options?: { highWaterMark?: number });
  readonly ws: unknown;
}
export declare class WebStreamsHost extends HostStream {
  constructor(pair: WebStreamsPair, options?: { highWaterMark?: number });
}

export interface WebStreamsPair {
  readable: ByteReadableStream;
  writable: ByteWritableStream;
}

/** What wrap_socket accepts as `sock`. */
export type Transport =
  | HostStreamLike
  | WebStreamsPair
  | { send(data: unknown): void; readonly readyState: number; readonly bufferedAmount: number } // WebSocket / ws
  | { pipe: Function; on: Function; write: Function };                                            // net.Socket / Duplex

/** Wisp CLOSE reasons (protocol v1, and v2's authentication ones are EACCES). */
export declare const WISP_CLOSE_REASON: Readonly<{
  UNKNOWN: 0x01; VOLUNTARY: 0x02; NETWORK_ERROR: 0x03; INCOMPATIBLE_EXTENSIONS: 0x04;
  INVALID_INFO: 0x41; UNREACHABLE_HOST: 0x42; NO_RESPONSE: 0x43; CONN_REFUSED: 0x44;
  TRANSFER_TIMEOUT: 0x47; HOST_BLOCKED: 0x48; CONN_THROTTLED: 0x49; CLIENT_ERROR: 0x81;
}>;

export interface WispSessionOptions {
  /** Bytes buffered in the WebSocket above which streams stop writing; each stream's incoming mark. */
  highWaterMark?: number;
  /** Largest DATA payload sent (default 32 KiB). */
  maxDataSize?: number;
  /** Opens a URL given instead of a WebSocket (default: the global WebSocket). */
  WebSocket?: new (url: string) => unknown;
}

/**
 * A Wisp v1 client: many TCP streams over one WebSocket. connect() gives a host stream for
 * wrap_socket. A server's CLOSE is end of stream (VOLUNTARY) or an OSError: CONN_REFUSED →
 * ECONNREFUSED, UNREACHABLE_HOST → EHOSTUNREACH, NO_RESPONSE / TRANSFER_TIMEOUT → ETIMEDOUT,
 * HOST_BLOCKED → EACCES, CONN_THROTTLED → ECONNABORTED, others → ECONNRESET. A closed or
 * failed WebSocket fails every stream with ECONNRESET.
 */
export declare class WispSession {
  constructor(ws: unknown, options?: WispSessionOptions);
  readonly ws: unknown;
  readonly highWaterMark: number;
  readonly maxDataSize: number;
  /** Packets the server buffers per stream (its first CONTINUE); null until it arrived. */
  readonly bufferSize: number | null;
  /** Why the session ended, or null while it is usable. */
  readonly error: string | null;
  /** Resolves when the server's first CONTINUE arrived; rejects if the WebSocket ends first. */
  readonly ready: Promise<void>;
  /** Open streams. */
  readonly streams: number;
  connect(host: string, port: number): WispStream;
  /** Closes the WebSocket (1000); open streams fail with ECONNRESET. */
  close(): void;
}

export declare class WispStream extends HostStream {
  readonly session: WispSession;
  readonly id: number;
  readonly host: string;
  readonly port: number;
  /** DATA packets this stream may still send. */
  readonly credit: number;
  /** The server's CLOSE reason once it closed the stream, else null. */
  readonly closeReason: number | null;
}

/** Two host streams joined in memory (each end holds at most `capacity` unread bytes). */
export declare function memoryPair(options?: { capacity?: number }): [HostStream, HostStream];
export declare function toHostStream(sock: Transport, options?: { highWaterMark?: number }): HostStreamLike;

export interface WrapSocketOptions {
  /** A server needs key and cert (or keyfile and certfile): TypeError otherwise. */
  server_side?: boolean;
  /** Path of the private key (Node only). */
  keyfile?: string | WebUrl;
  /** Path of the certificate chain (Node only). */
  certfile?: string | WebUrl;
  /** Private key, PEM or DER (PKCS#1, SEC1, PKCS#8; unencrypted). */
  key?: Bytes;
  /** Own certificate chain, leaf first, PEM or DER. */
  cert?: Bytes;
  /** Default CERT_NONE, as the seed's wrap_socket. */
  cert_reqs?: CertReqs;
  /** Trusted CAs: one DER certificate, several concatenated, or a PEM bundle. */
  cadata?: Bytes;
  /**
   * SNI and the name checked against the server certificate (client): a DNS name or an IP
   * address (TypeError for a NUL or any other character no host name has).
   */
  server_hostname?: string | null;
  /**
   * How strictly certificates are judged (default 'strict'): 'strict' also requires the form
   * RFC 5280 and the CA/Browser Forum ask for (a subjectAltName on servers, no CA certificate
   * as the leaf, X.509 v3, critical basicConstraints on CAs, ...); 'compat' accepts what
   * MicroPython's mbedtls port accepts (CN fallback, legacy certificates). Both match host
   * names by kind, apply name constraints and refuse unknown critical extensions.
   */
  verify_profile?: 'strict' | 'compat';
  /** Most intermediate CA certificates a verified chain may have (default: mbedtls' limit, 8). */
  max_chain_depth?: number | null;
  /** Handshake before the promise settles (default true). */
  do_handshake?: boolean;
  /**
   * Called for each certificate of the peer chain, root-most first (MicroPython's
   * SSLContext.verify_callback): return 0/undefined to accept, a negative mbedtls code or any
   * other truthy value to fail the handshake. May return a promise. Needs cert_reqs
   * CERT_OPTIONAL or CERT_REQUIRED (TypeError under CERT_NONE, where it would never run).
   */
  verify_callback?: (cert_der: Uint8Array, depth: number) => number | void | Promise<number | void>;
  /** ALPN protocols offered (client) or accepted (server), in order of preference. */
  alpn_protocols?: string[] | string;
  /** Cipher suites by mbedtls name, in order of preference. */
  ciphers?: string[] | string;
  /** Incoming bytes buffered before the transport is paused (default 256 KiB). */
  highWaterMark?: number;
  /** Client only: a session from SSLSocket.session() to resume (ValueError if not a session). */
  session?: Bytes;
  /**
   * true (default): a transport end without close_notify reads as the end of stream.
   * false: it rejects the read with OSError(MBEDTLS_ERR_SSL_CONN_EOF) (truncation).
   */
  suppress_ragged_eofs?: boolean;
  /** Milliseconds the handshake and each read/write may wait for the transport; then OSError(ETIMEDOUT). */
  timeout?: number;
}

export interface PeerCertificate {
  subject: string;
  issuer: string;
  serial: string;
  not_before: string;
  not_after: string;
  subject_alt_names: string[];
}

export interface VerifyResult {
  verified: boolean;
  /** mbedtls' MBEDTLS_X509_BADCERT_* flags. */
  flags: number;
  /** One line per failed check, in mbedtls' words. */
  errors: string[];
}

export declare class SSLSocket {
  /** The host stream the connection runs over. */
  readonly transport: HostStreamLike;
  setblocking(flag: boolean): void;
  getblocking(): boolean;
  /** null in non-blocking mode while the handshake cannot progress. */
  do_handshake(): Promise<void | null>;
  /** Up to n bytes (n < 0: until end of stream); empty at end; null if it would block. */
  read(n?: number): Promise<Uint8Array | null>;
  readinto(buf: Uint8Array, nbytes?: number): Promise<number | null>;
  readline(): Promise<Uint8Array | null>;
  /** Bytes written (all of them in blocking mode); null if nothing could be written. */
  write(bytes: Bytes): Promise<number | null>;
  close(): Promise<void>;
  cipher(): string | null;
  version(): string | null;
  selected_alpn_protocol(): string | null;
  getpeercert(binary_form: true): Uint8Array | null;
  getpeercert(binary_form?: false): PeerCertificate | null;
  /** null when no verification took place (CERT_NONE). */
  verify_result(): VerifyResult | null;
  pending(): number;
  /**
   * A client's session for wrap_socket's `session` option; TLS 1.3: after a read took in a ticket.
   * A secret (it holds what resumes the connection, encrypted under this load()'s key): store it
   * as a password. It resumes only for the same server_hostname, cadata and a cert_reqs its
   * verification satisfied; otherwise the handshake runs in full.
   */
  session(): Uint8Array | null;
  /** Whether the handshake resumed the offered session. */
  session_reused(): boolean;
  /** Whether the peer ended the connection with close_notify (false for a bare transport end). */
  close_notify_received(): boolean;
  /** A Node stream.Duplex over this socket (Node only). */
  duplex(): NodeDuplex;
}

export declare class OSError extends Error {
  constructor(errno: number, code: string, reason: string, details?: object);
  /** Negative mbedtls code, or the positive transport errno. */
  readonly errno: number;
  /** 'MBEDTLS_ERR_…' or 'ECONNRESET', … */
  readonly code: string;
  readonly reason: string;
  readonly args: [number, string];
  /** A failed certificate check: one line per failed check. */
  readonly verifyErrors?: string[];
  /** After a failed certificate check: the certificate the peer presented. */
  readonly peerCertificate?: PeerCertificate;
}

export declare class ValueError extends Error {}

export declare class SslModule {
  readonly runtime: 'emscripten' | 'wasi';
  readonly MBEDTLS_VERSION: string;
  readonly CERT_NONE: 0;
  readonly CERT_OPTIONAL: 1;
  readonly CERT_REQUIRED: 2;
  readonly OSError: typeof OSError;
  readonly ValueError: typeof ValueError;
  wrap_socket(sock: Transport, options?: WrapSocketOptions): Promise<SSLSocket>;
  memoryPair(options?: { capacity?: number }): [HostStream, HostStream];
}
