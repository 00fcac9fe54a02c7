// `npm run test:e2e`: only the end-to-end tests.
import { spawnSync } from 'node:child_process';
const args = [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--project',
  'e2e',
  ...process.argv.slice(2),
];
process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
