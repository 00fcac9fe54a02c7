// The HQ bundle's package-lock.json, cut from the project's lockfile: the runtime
// dependencies and everything they need, at the very versions (and integrity hashes) the
// tests ran with, so `npm ci` on the server installs what was tested, offline-resolvable
// and without a registry round trip to re-resolve ranges.
//
// npm resolves a package the way Node does: from `node_modules/a/node_modules/b` up to
// `node_modules/b`. The entries are copied as they are, without the root lockfile's
// dev/devOptional/peer flags (they describe the desktop project's graph, where every
// server package is a devDependency; here they are the product).

/** Where Node would find `name` when required from the package at `from` ('' = root). */
function locate(packages, from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

export function lockfileFor(rootLock, pkg) {
  const src = rootLock.packages;
  const out = {};
  // location -> reached only through optional edges?
  const optionalOnly = new Map();
  const queue = Object.keys(pkg.dependencies).map((name) => ({ from: '', name, optional: false }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift();
    const at = locate(src, from, name);
    if (!at) {
      if (optional) continue; // e.g. pg's pg-cloudflare: not installed here, not needed
      throw new Error(`lockfile: ${name} (needed by ${from || 'the bundle'}) is not installed`);
    }
    const seen = optionalOnly.get(at);
    if (seen !== undefined && (seen === false || optional)) continue;
    optionalOnly.set(at, optional);
    const entry = src[at];
    const peersOptional = entry.peerDependenciesMeta ?? {};
    const edges = [
      ...Object.keys(entry.dependencies ?? {}).map((n) => [n, false]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n) => [n, true]),
      ...Object.keys(entry.peerDependencies ?? {}).map((n) => [n, !!peersOptional[n]?.optional]),
    ];
    for (const [n, opt] of edges) queue.push({ from: at, name: n, optional: optional || opt });
  }
  for (const at of [...optionalOnly.keys()].sort()) {
    const entry = { ...src[at] };
    for (const flag of ['dev', 'devOptional', 'peer', 'optional']) delete entry[flag];
    out[at] = optionalOnly.get(at) ? { ...entry, optional: true } : entry;
  }
  return {
    name: pkg.name,
    version: pkg.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: pkg.name,
        version: pkg.version,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
      ...out,
    },
  };
}
