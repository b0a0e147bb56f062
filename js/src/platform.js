// What the host is: Node has a filesystem and node:stream; browsers do not.
export const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);
