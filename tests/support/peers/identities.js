// The certificates of the interop matrix (tests/certs/make-certs.sh): a server chain
// (root, intermediate, leaf) per key type, and the client certificate for client auth.
import { certDir } from '../paths.js';

const path = (name) => `${certDir}/${name}`;

export const SERVER_IDENTITIES = {
  ecdsa: { chain: 'chained-bundle.crt', leaf: 'chained.crt', intermediate: 'intermediate.crt', key: 'chained.key', root: 'ca.crt' },
  rsa: { chain: 'chained-rsa-bundle.crt', leaf: 'chained-rsa.crt', intermediate: 'rsa-intermediate.crt', key: 'chained-rsa.key', root: 'rsa-ca.crt' },
};

export const CLIENT_IDENTITY = { cert: 'client.crt', key: 'client.key', root: 'ca.crt', subject: 'CN=wasm-ssl test client' };

export { path as certPath };
