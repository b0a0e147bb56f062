// `wasm-ssl/roots`: public roots for cadata, for pages and programs that talk to public
// servers. The data (mozilla-roots.js, ~220 KB) is a separate module, loaded on the first call,
// so that importing this costs nothing until roots() runs. No node: import: it works in
// browsers and bundles alike.

/** All roots as one PEM bundle, the form wrap_socket's cadata takes. */
export async function roots() {
  return (await rootStore()).certificates.join('\n') + '\n';
}

/** Where the roots come from: { node, date, count, expiredLeftOut } (Node's version, when). */
export async function rootsSource() {
  return (await rootStore()).source;
}

let store = null;
function rootStore() {
  store ||= import('./mozilla-roots.js');
  return store;
}
