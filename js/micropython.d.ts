// Types of wasm-ssl's MicroPython integration (js/src/micropython/index.js), also exported
// from `wasm-ssl` itself. Python's side: docs/micropython.md.
import type { HostStream, LoadOptions } from './index.js';

// URL where the program has it (lib "dom", @types/node), `any` elsewhere: see index.d.ts.
// @ts-ignore
type WebUrl = URL;

/** What loadMicroPython() of @micropython/micropython-webassembly-pyscript returns. */
export interface MicroPython {
  FS: any;
  registerJsModule(name: string, module: object): void;
  runPython(code: string): any;
  runPythonAsync(code: string): Promise<any>;
}

/** (host, port) → a connection: a HostStream and a promise settled when it is up (or its errno). */
export type Connector = (host: string, port: number) => { stream: HostStream; ready: Promise<void> };

/** Where Python's socket.socket() connects (opaque). */
export interface SocketProvider {
  open(heap: unknown, host: string, port: number): unknown;
}

export interface InstallOptions extends Omit<LoadOptions, 'runtime' | 'wasi' | 'wasiImport'> {
  /** directSockets(connector) on the thread that owns the transports, workerSockets(port) in a Worker. */
  sockets?: SocketProvider;
  /** A WebSocket→TCP bridge URL (wasm-ssl/bridge): Python's sockets go through it. */
  bridge?: string | WebUrl;
  /** The WebSocket class for `bridge` where there is no global one (npm ws in Node 20). */
  WebSocket?: unknown;
  /** An engine to share (otherwise one is instantiated). */
  engine?: unknown;
}

/** Registers wasm-ssl with a loaded MicroPython and writes ssl.py, tls.py, socket.py to /lib. */
export declare function installMicroPython(mp: MicroPython, options?: InstallOptions): Promise<{ engine: unknown }>;

/** Sockets that never block (the main thread): Python awaits wait_readable()/wait_writable(). */
export declare function directSockets(connect: Connector): SocketProvider;
/** Sockets that block (inside a Worker); `port` is parentPort (Node) or self (browser). */
export declare function workerSockets(port: { postMessage(message: any, transfer?: any[]): void }): SocketProvider;
/** On the thread that owns the transports: serves the sockets of the MicroPython in `worker`. */
export declare function serveWorkerSockets(worker: unknown, options: { connect: Connector }): { close(): void };

/** TCP through node:net (Node only). */
export declare function tcpConnector(): Promise<Connector>;
/** TCP through the WebSocket→TCP bridge at `url`. */
export declare function bridgeConnector(url: string | WebUrl, options?: { WebSocket?: unknown }): Connector;
