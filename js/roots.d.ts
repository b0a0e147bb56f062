// Types of `wasm-ssl/roots` (js/src/roots/index.js).

/** Mozilla's public root certificates (as bundled by Node) as one PEM bundle, for `cadata`. */
export declare function roots(): Promise<string>;

/** Where the roots come from: the Node version that bundled them, the date taken, how many,
 * and how many of Node's had expired by then (left out). */
export declare function rootsSource(): Promise<{ node: string; date: string; count: number; expiredLeftOut: number }>;
