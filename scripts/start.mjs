// `npm start`: builds the app and starts it with a local HQ server.
// - The HQ server (src-hq) on its embedded SQLite default, on 127.0.0.1:8787.
// - The app in Electron when the Electron binary is installed; otherwise the
//   same renderer in browser mode on http://127.0.0.1:5173 (Electron's binary
//   cannot be downloaded on offline build machines).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';
import { startStaticServer } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');

const build = spawnSync(
  process.execPath,
  [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [];
/** Resolves to HQ's address once it listens, or null if it exited or was not started. */
let hqStarted = Promise.resolve(null);
if (existsSync(resolve(root, 'src-hq/cli.ts')) && process.env.BRIDGEHEAD_NO_HQ !== '1') {
  const hq = spawn(
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'src-hq/cli.ts', 'serve'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      // Request logs go to a file: the terminal stays readable.
      env: { HQ_PORT: '8787', HQ_LOG_FILE: resolve(root, '.hq-data/hq.log'), ...process.env },
    },
  );
  children.push(hq);
  hq.stdout.pipe(process.stdout);
  // Whether HQ is up: it prints its address once listening; an exit first means it failed
  // (e.g. the port is taken: it says which variable to set).
  hqStarted = new Promise((res) => {
    let out = '';
    hq.stdout.on('data', (c) => {
      out += c;
      if (/listening on (\S+)/.test(out)) res(/listening on (\S+)/.exec(out)[1]);
    });
    hq.once('exit', () => res(null));
  });
}

const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', () => {
  stopAll();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stopAll();
  process.exit(0);
});

// Looked up without loading the electron package, which would try to download a missing binary.
const electron = findElectronBinary(resolve(root, 'node_modules/electron'));
if (electron) {
  const app = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  app.on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
} else {
  const port = Number(process.env.PORT ?? 5173);
  const server = await startStaticServer({ root: resolve(root, 'out/renderer'), port });
  console.log(
    `\nElectron's binary is not installed here (nothing was downloaded): Bridgehead runs in browser mode.`,
  );
  const hqUrl = await hqStarted;
  console.log(
    hqUrl
      ? `Open ${server.url} in Chromium or Chrome. HQ server: ${hqUrl} (request log: .hq-data/hq.log). Ctrl+C stops both.\n`
      : `Open ${server.url} in Chromium or Chrome. The HQ server is NOT running (see its message above); the app works offline. Ctrl+C stops it.\n`,
  );
}
