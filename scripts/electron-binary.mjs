// Where the Electron binary is, found WITHOUT running the `electron` package's index.js:
// requiring it downloads the binary when missing ("Downloading Electron binary…" and a
// `fetch failed` stack trace on a machine without internet). The package records the
// binary's path inside `dist/` in `path.txt` once installed; ELECTRON_OVERRIDE_DIST_PATH
// points at another folder (as the package itself honours it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable, or null when it is not installed (nothing is downloaded). */
export function findElectronBinary(packageDir, env = process.env) {
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
