// The layering of DESIGN §3 and §11, enforced: every import in the repository is checked against
// the arrows the design forbids. The first block proves the checker itself catches each kind of
// forbidden arrow, so a green run means "no violation", not "nothing was checked".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, importsOf, isTestFile, sourceFiles, under, violations, type Rule } from './support/import-graph';

const ROOT = path.resolve(import.meta.dirname, '..');

const product = (p: string) =>
  !isTestFile(p) && (under('lib', 'app', 'components')(p) || ['proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts'].includes(p));

/** The server's one bootstrap file: it alone wires the sandbox into the app (embedded default). */
export const SANDBOX_BOOTSTRAP = 'instrumentation-node.ts';

export const RULES: Rule[] = [
  {
    why: 'product code reaches the simulators only through the one bootstrap file',
    from: product,
    to: under('sandbox'),
    except: (p) => p === SANDBOX_BOOTSTRAP,
  },
  {
    why: 'lib/ is the domain: no routes, no React components',
    from: (p) => under('lib')(p) && !isTestFile(p),
    to: under('app', 'components'),
  },
  {
    why: 'components get data from routes and vocabulary from lib/model, never the database layer',
    from: under('components'),
    to: under('lib/db'),
  },
  {
    why: 'connectors talk to marketplaces only: no database, accounts, sync or organizations',
    from: (p) => under('lib/marketplaces')(p) && !isTestFile(p),
    to: under('lib/db', 'lib/sync', 'lib/accounts', 'lib/orgs', 'lib/jobs', 'lib/shipping', 'lib/privacy', 'lib/reports'),
  },
  {
    why: 'lib/db is the bottom layer: it depends on configuration and logging only',
    from: (p) => under('lib/db')(p) && !isTestFile(p),
    to: (t) => under('lib', 'app', 'components', 'sandbox')(t) && !under('lib/db', 'lib/env', 'lib/log', 'lib/model')(t),
  },
  {
    why: 'the simulators stand in for outside services: they never reach into routes or UI',
    from: (p) => under('sandbox')(p) && !isTestFile(p),
    to: under('app', 'components'),
  },
  {
    why: 'test support is not product code',
    from: product,
    to: (t) => under('tests', 'e2e', 'bench')(t) || /(^|\/)test-(harness|support|data)$/.test(t),
  },
];

describe('the import checker', () => {
  const graph = (files: Record<string, string>) => Object.entries(files).flatMap(([f, text]) => importsOf(f, text));

  it('catches each kind of forbidden import, static, dynamic, re-export and type-only', () => {
    const found = violations(
      graph({
        'lib/db/index.ts': "const s = await import('@/sandbox/demo/seed');",
        'lib/orders/list.ts': "import { OrdersTable } from '../../components/orders/OrdersTable';",
        'components/settings/roles.ts': "import type { Role } from '@/lib/db/schema';",
        'lib/marketplaces/walmart/connector.ts': "export { upsertOrders } from '@/lib/sync/upsert-orders';",
        'app/(app)/orders/page.tsx': "import { seed } from '@/tests/support/fixtures';",
        'sandbox/walmart/index.ts': "import x from '@/app/api/health/route';",
      }),
      RULES,
    );
    expect(found.map((v) => v.from).sort()).toEqual([
      'app/(app)/orders/page.tsx',
      'components/settings/roles.ts',
      'lib/db/index.ts',
      'lib/db/index.ts', // also below lib/db's layer
      'lib/marketplaces/walmart/connector.ts',
      'lib/orders/list.ts',
      'sandbox/walmart/index.ts',
    ]);
    expect(found.find((v) => v.from === 'lib/orders/list.ts')?.to).toBe('components/orders/OrdersTable');
  });

  it('lets the allowed arrows through', () => {
    const found = violations(
      graph({
        'instrumentation-node.ts': "await import('@/sandbox/demo/bootstrap');",
        'lib/sync/run.ts': "import { upsertOrders } from './upsert-orders';\nimport { sql } from 'drizzle-orm';",
        'components/settings/roles.ts': "import type { Role } from '@/lib/model';",
        'lib/marketplaces/walmart/connector.test.ts': "import { WalmartSandbox } from '@/sandbox/walmart';",
        'scripts/serve.ts': "import { startSandbox } from '@/sandbox/main';",
      }),
      RULES,
    );
    expect(found).toEqual([]);
  });
});

describe('the repository', () => {
  it('has no forbidden import', () => {
    const found = violations(importGraph(ROOT), RULES).map((v) => `${v.from}:${v.line} → ${v.to} (${v.why})`);
    expect(found).toEqual([]);
  });

  it('keeps test support out of product folders', () => {
    const misplaced = sourceFiles(ROOT).filter((f) => under('lib', 'app', 'components')(f) && /(^|\/)test-(harness|support|data)\.ts$/.test(f));
    expect(misplaced).toEqual([]);
  });
});
