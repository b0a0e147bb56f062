// Types of `wasm-ssl/fetch` (js/src/fetch/index.js).
import type { SslModule, Transport, WrapSocketOptions } from './index.js';

// Host types that only some programs have (lib "dom", Node's globals): the real ones where they
// are, `any` where they are not (as in index.d.ts). @ts-ignore is what lets a name be missing.
// @ts-ignore
type FetchRequestInfo = Request | URL | string;
// @ts-ignore
type FetchRequestInit = RequestInit;
// @ts-ignore
type FetchResponse = Response;
// @ts-ignore
type FetchAbortSignal = AbortSignal;

export interface CreateFetchOptions extends Pick<WrapSocketOptions,
  'cert_reqs' | 'cadata' | 'key' | 'cert' | 'keyfile' | 'certfile' | 'verify_profile' | 'max_chain_depth' |
  'verify_callback' | 'ciphers' | 'timeout' | 'highWaterMark'> {
  /** What load() resolved to. */
  ssl: SslModule;
  /**
   * A transport to host:port (or a promise of one) for wrap_socket: a WebSocket to the bridge,
   * a Wisp stream, a Node socket, ... `signal` is the fetch's, for a connect that can be aborted.
   */
  connect(host: string, port: number, options: { signal?: FetchAbortSignal }): Transport | Promise<Transport>;
  /** Connections open at once to one origin (default 6); further requests wait for one. */
  maxConnectionsPerHost?: number;
  /** Milliseconds an idle keep-alive connection is kept (default 4000). */
  idleTimeout?: number;
}

/** fetch() over wasm-ssl; close() closes its idle keep-alive connections. */
export interface WasmSslFetch {
  (input: FetchRequestInfo, init?: FetchRequestInit): Promise<FetchResponse>;
  close(): void;
}

/**
 * A function with fetch's signature whose connections are wasm-ssl's: https: only (http: fails
 * as TypeError('fetch failed')), verified by default (cert_reqs CERT_REQUIRED against `cadata`,
 * which is then required: a TypeError without it), the URL's host as server_hostname.
 */
export declare function createFetch(options: CreateFetchOptions): WasmSslFetch;
