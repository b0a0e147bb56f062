// Compiled (not run) by type-environments.test.js where @types/node is: the Node-only bridge.
import { startBridge } from '../../js/bridge.js';

export async function bridge(): Promise<string> {
  const b = await startBridge({ allow: ['localhost:4433'], origins: ['http://localhost:5173'] });
  const url: string = b.url();
  await b.close();
  return url;
}
