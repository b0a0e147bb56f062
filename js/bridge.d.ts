// Types of `wasm-ssl/bridge` (js/src/bridge/index.js): the WebSocket→TCP bridge (Node).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';

export type Target = string | { host: string; port: number };

export interface BridgeLimits {
  /** Largest WebSocket message, bytes; larger ones close the connection with 1009 (default 1 MiB). */
  maxPayload: number;
  /** No byte either way for this long (ms) closes both sides (default 300000; 0: never). */
  idleTimeout: number;
  /** Bridged connections at once; the excess is HTTP 503 (default 1024). */
  maxConnections: number;
  /** Bridged connections at once per client address (IPv4 address, IPv6 /64); the excess is HTTP 503 (default 64). */
  maxPerAddress: number;
  /** Time (ms) a client has to send its complete upgrade request; own server only (default 10000). */
  handshakeTimeout: number;
  /** shutdown(): time (ms) connections get to close before they are cut (default 5000). */
  shutdownTimeout: number;
  /** Wisp: TCP streams at once on one WebSocket; the excess is closed CONN_THROTTLED (default 128). */
  maxStreams: number;
}

export interface BridgeOptions extends Partial<BridgeLimits> {
  /** Targets clients may reach ('host:port', '[v6]:port' or { host, port }); default none. */
  allow: Target[];
  /** Listen address (default 127.0.0.1) and port (default 0: any free port). */
  host?: string;
  port?: number;
  /** Attach to an existing HTTP server instead of listening. */
  server?: Server;
  /** Only upgrade requests for this path. */
  path?: string;
  /**
   * Speak Wisp v1 (many TCP streams per WebSocket, each checked against `allow`): true for the
   * whole endpoint, or a path ('/wisp/') for Wisp there and one connection per WebSocket elsewhere.
   */
  wisp?: boolean | string;
  /**
   * Browser Origins allowed. A request with an Origin header not listed is refused (close 1008);
   * requests without one (Node, curl) always pass. Default: none (no web page may use the
   * bridge unless its Origin is listed).
   */
  origins?: string[];
  /** One line per refusal and per connection (at connect, and at close with bytes and duration); default stderr. */
  log?: (line: string) => void;
}

/** The close codes the bridge sends; `ws` itself sends 1009 for an oversized message. */
export declare const CLOSE: Readonly<{
  NORMAL: 1000;
  GOING_AWAY: 1001;
  PROTOCOL_ERROR: 1002;
  UNSUPPORTED_DATA: 1003;
  POLICY_VIOLATION: 1008;
  TCP_ERROR: 1011;
}>;

export declare const DEFAULTS: Readonly<BridgeLimits>;

export declare class Bridge {
  readonly allowed: Set<string>;
  /** Allowed browser Origins (empty: none). */
  readonly origins: Set<string>;
  readonly limits: Readonly<BridgeLimits>;
  /** The underlying `ws` WebSocketServer (noServer mode). */
  readonly wss: EventEmitter;
  /** The HTTP server the bridge listens with (its own, or options.server). */
  readonly server: Server;
  /** Bridged connections (WebSockets, Wisp or not) open now. */
  readonly connections: number;
  address(): AddressInfo;
  /** ws://host:port/path?target=… */
  url(target?: string): string;
  /** Where Wisp is spoken: true (everywhere), a path, or false. */
  readonly wisp: boolean | string;
  /** ws://host:port/path of the Wisp endpoint (Error when wisp is off). */
  wispUrl(): string;
  /** Stops listening and cuts every connection, both sides, now. */
  close(): Promise<void>;
  /** Stops listening, closes each connection politely (1001, TCP FIN), cuts what is left after `timeout` ms. */
  shutdown(timeout?: number): Promise<void>;
}

export declare function startBridge(options: BridgeOptions): Promise<Bridge>;
export declare function normalizeTarget(target: Target): string | null;
