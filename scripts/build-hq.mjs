// `npm run build:hq`: the HQ server as a folder an administrator copies to a server.
//   dist/hq/hq.mjs            the server and its commands, bundled (src-hq + src-shared)
//   dist/hq/package.json      only the runtime dependencies, pinned to the versions tested here
//   dist/hq/package-lock.json those dependencies' part of the project's lockfile
//   dist/hq/README.md, deploy/ systemd unit, Dockerfile, compose file, example settings
// On the server: `npm ci --omit=dev && node hq.mjs serve` (Node 20+, nothing else).
// Migrations are part of hq.mjs and run at every start (docs/operations.md).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { lockfileFor } from './hq-lockfile.mjs';

const root = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'dist/hq'));
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const rootLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(root, 'src-hq/cli.ts')],
  // Its paths resolve `@shared/...` to src-shared, bundled in.
  tsconfig: join(root, 'tsconfig.node.json'),
  outfile: join(out, 'hq.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // npm packages stay packages (installed by npm ci, audited, native ones compiled there).
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
});

/** The npm package an import names: `@fastify/rate-limit/x` -> `@fastify/rate-limit`. */
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const builtins = new Set(builtinModules);
const imported = new Set();
for (const input of Object.values(result.metafile.inputs)) {
  for (const im of input.imports) {
    if (!im.external || im.path.startsWith('node:') || builtins.has(im.path)) continue;
    imported.add(packageOf(im.path));
  }
}

const dependencies = {};
for (const name of [...imported].sort()) {
  const entry = rootLock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is imported by the HQ server but not installed`);
  dependencies[name] = entry.version; // exactly what the tests ran against
}

const pkg = {
  name: 'bridgehead-hq',
  version: rootPkg.version,
  description: 'Bridgehead HQ sync server (built by npm run build:hq)',
  private: true,
  type: 'module',
  license: rootPkg.license,
  engines: { node: rootPkg.engines.node },
  bin: { 'bridgehead-hq': './hq.mjs' },
  scripts: { start: 'node --enable-source-maps hq.mjs serve', hq: 'node hq.mjs' },
  dependencies,
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(out, 'package-lock.json'),
  `${JSON.stringify(lockfileFor(rootLock, pkg), null, 2)}\n`,
);
cpSync(join(root, 'deploy/hq'), out, { recursive: true });
cpSync(join(root, 'docs/operations.md'), join(out, 'OPERATIONS.md'));

const size = (
  result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('hq.mjs'))]
    .bytes / 1024
).toFixed(0);
console.log(`HQ bundle in ${out}: hq.mjs ${size} KiB; runtime dependencies:`);
for (const [n, v] of Object.entries(dependencies)) console.log(`  ${n}@${v}`);
