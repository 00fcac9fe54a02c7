// The feature fences are lint rules (eslint.config.js): these run the project's own ESLint
// config on small sources placed at real paths, so a rule that stops matching fails here.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const SLOW = { timeout: 120_000 };

describe('feature fences', () => {
  it('refuses a cross-feature import that bypasses index.ts', SLOW, async () => {
    const ids = await ruleIds(
      'src-renderer/src/features/missions/zz-fixture.ts',
      "import { repositoryFor } from '../bookings/data/repository';\nexport const r = repositoryFor;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('accepts the same import through the index of a feature it may use', SLOW, async () => {
    const ids = await ruleIds(
      'src-renderer/src/features/missions/zz-fixture.ts',
      "import { repositoryFor } from '../bookings';\nexport const r = repositoryFor;\n",
    );
    expect(ids).toEqual([]);
  });

  it('refuses an import up the fence, even through index.ts', SLOW, async () => {
    const ids = await ruleIds(
      'src-renderer/src/features/crm/zz-fixture.ts',
      "import { repositoryFor } from '../bookings';\nexport const r = repositoryFor;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('refuses a feature import from a layer under the features', SLOW, async () => {
    const ids = await ruleIds(
      'src-renderer/src/data/zz-fixture.ts',
      "import { CRM_TABLES } from '../features/crm';\nexport const t = CRM_TABLES;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('refuses an import cycle', SLOW, async () => {
    // enrollment.ts as if it imported the sync service, which imports enrollment.ts.
    const ids = await ruleIds(
      'src-renderer/src/features/sync-ui/enrollment.ts',
      "import { recordKey } from './sync-service';\nexport const k = recordKey;\n",
    );
    expect(ids).toContain('import-x/no-cycle');
  });
});
