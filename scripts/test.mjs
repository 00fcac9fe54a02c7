// `npm test`: unit tests, then end-to-end tests in Debian's Chromium.
// Without a Chromium the e2e half is skipped LOUDLY; under CI it is required.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const extra = process.argv.slice(2);
const vitest = (project) =>
  spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--project', project, ...extra],
    {
      stdio: 'inherit',
    },
  ).status ?? 1;

const unit = vitest('unit');
if (unit !== 0) process.exit(unit);

if (!findChromium()) {
  const banner = '='.repeat(72);
  console.error(
    `\n${banner}\n  END-TO-END TESTS SKIPPED: no Chromium at /usr/bin/chromium.\n  Install it with: apt-get install -y chromium fonts-noto-cjk\n${banner}\n`,
  );
  process.exit(process.env.CI ? 1 : 0);
}
process.exit(vitest('e2e'));
