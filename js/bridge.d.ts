// Types of `wasm-ssl/bridge` (js/src/bridge/index.js): the WebSocket→TCP bridge (Node).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';

export type Target = string | { host: string; port: number };

export interface BridgeOptions {
  /** Targets clients may reach ('host:port', '[v6]:port' or { host, port }); default none. */
  allow: Target[];
  /** Listen address (default 127.0.0.1) and port (default 0: any free port). */
  host?: string;
  port?: number;
  /** Attach to an existing HTTP server instead of listening. */
  server?: Server;
  /** Only upgrade requests for this path. */
  path?: string;
  /** Allowed Origin header values (default: any). */
  origins?: string[];
  /** One line per connect, refusal and close (default: stderr). */
  log?: (line: string) => void;
}

export declare class Bridge {
  readonly allowed: Set<string>;
  /** The underlying `ws` WebSocketServer. */
  readonly wss: EventEmitter;
  address(): AddressInfo;
  /** ws://host:port/path?target=… */
  url(target?: string): string;
  /** Stops listening and closes every connection, both sides. */
  close(): Promise<void>;
}

export declare function startBridge(options: BridgeOptions): Promise<Bridge>;
export declare function normalizeTarget(target: Target): string | null;
