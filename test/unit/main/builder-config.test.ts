import path from 'node:path';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { beforeAll, describe, expect, it } from 'vitest';

const projectDir = path.resolve(__dirname, '../../..');
let config: Configuration;

/** electron-builder's own check (no packaging): the config the real build would load. */
async function validate(candidate: Configuration): Promise<void> {
  await validateConfiguration(structuredClone(candidate), new DebugLogger(false));
}

// Compiling electron-builder's JSON schema takes a few CPU seconds: more on a busy machine.
const SCHEMA_TIMEOUT_MS = 30_000;

beforeAll(async () => {
  config = await getConfig(projectDir, 'electron-builder.yml', null);
}, SCHEMA_TIMEOUT_MS);

describe('electron-builder.yml', { timeout: SCHEMA_TIMEOUT_MS }, () => {
  it('passes electron-builder validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('rejects a misspelt key (so the check above can fail)', async () => {
    const { publish, ...rest } = config;
    await expect(validate({ ...rest, publsh: publish } as Configuration)).rejects.toThrow(/publsh/);
    await expect(
      validate({ ...config, nsis: { ...config.nsis, oneclick: true } as Configuration['nsis'] }),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('ships only the build output, in an asar, without rebuilding natives', () => {
    expect(config.appId).toBe('kr.go.gyeongnam.bridgehead');
    expect(config.productName).toBe('Bridgehead');
    // getConfig normalizes `files` into FileSet form.
    const files = (config.files as Array<string | { filter?: string[] }>).flatMap((f) =>
      typeof f === 'string' ? [f] : (f.filter ?? []),
    );
    expect(files).toEqual(['out/**/*', 'package.json', '!**/*.map']);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.electronLanguages).toEqual(['ko', 'ja', 'zh-CN', 'vi', 'en', 'en-US']);
  });

  it('updates from the HQ server over https (generic provider, latest channel)', () => {
    const publish = config.publish as { provider: string; url: string; channel: string };
    expect(publish.provider).toBe('generic');
    expect(new URL(publish.url).protocol).toBe('https:');
    expect(publish.channel).toBe('latest');
  });

  it('installs per user on Windows with an artifact name the updater can reinstall', () => {
    const nsis = config.nsis ?? {};
    expect(nsis.oneClick).toBe(true);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
    expect(nsis.differentialPackage).toBe(true);
    expect(nsis.artifactName).toBeTruthy();
    expect(nsis.artifactName).not.toBe(config.productName);
    expect(nsis.artifactName).not.toBe('${productName}.${ext}');
  });

  it('builds a mac zip (needed for updates) for both architectures, with hardened runtime', () => {
    const targets = (config.mac?.target ?? []) as Array<{ target: string; arch: string[] }>;
    const zip = targets.find((t) => t.target === 'zip');
    expect(zip?.arch).toEqual(['x64', 'arm64']);
    expect(targets.find((t) => t.target === 'dmg')?.arch).toEqual(['x64', 'arm64']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
