// `npm run report`, spawned as an operator runs it, on an embedded database seeded with known
// orders: the same figures as the report functions, exit code 2 for every input mistake, and a
// clear refusal while another process (the app) holds the embedded database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { parseCliArgs, runCli } from '@/lib/reports/cli';
import { RANGE, seedReportsWorld, type ReportsWorld } from '@/tests/support/reports-world';

const TSX = path.resolve('node_modules/.bin/tsx');

function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ESM_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = spawn(TSX, ['scripts/report.ts', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run report', () => {
  let dir: string;
  let w: ReportsWorld;
  let expected: { csv: string; json: string };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esm-report-cli-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      await migrate(database);
      w = await seedReportsWorld(database.db);
      const csvArgs = parseCliArgs(['sales', '--org', 'Reports A', '--from', RANGE.from, '--to', RANGE.to]);
      const jsonArgs = parseCliArgs(['skus', '--org', w.orgA, '--from', RANGE.from, '--to', RANGE.to, '--marketplace', 'amazon', '--format', 'json']);
      expected = { csv: (await runCli(database.db, csvArgs)).text, json: (await runCli(database.db, jsonArgs)).text };
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the report as CSV and as JSON, the same as the report functions', async () => {
    const csv = await run(['sales', '--org', 'reports a', '--from', RANGE.from, '--to', RANGE.to], dir);
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(expected.csv);
    expect(csv.stdout.split('\r\n')[0]).toBe('Account,Marketplace,Currency,Orders,Units,Gross sales,Shipping charged,Tax,Total,Average order value,Cancelled,Cancelled value');
    const json = await run(['skus', '--org', w.orgA, '--from', RANGE.from, '--to', RANGE.to, '--marketplace', 'amazon', '--format', 'json'], dir);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(expected.json);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({ report: 'skus', from: RANGE.from, to: RANGE.to, marketplace: 'amazon', timeZone: 'America/New_York' });
    expect(body.tables[0].rows.every((r: { marketplace: string }) => r.marketplace === 'amazon')).toBe(true);
  }, 60_000);

  it('exits with code 2 and a message for an unknown report, organization, option or format, and bad dates', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['forecast', '--org', 'Reports A'], /Unknown report "forecast"/],
      [['sales', '--org', 'No Such Org'], /No organization "No Such Org"/],
      [['sales'], /--org is required/],
      [['sales', '--org', 'Reports A', '--from', '2026-02-30', '--to', '2026-03-02'], /real calendar dates/],
      [['sales', '--org', 'Reports A', '--from', '2026-03-05', '--to', '2026-03-01'], /not be after/],
      [['sales', '--org', 'Reports A', '--range', 'forever'], /Unknown range/],
      [['sales', '--org', 'Reports A', '--format', 'xlsx'], /Unknown format/],
      [['sales', '--org', 'Reports A', '--colour', 'red'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args, dir); // one at a time: each takes the embedded database's lock
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  }, 90_000);

  it('refuses clearly while another process has the embedded database open', async () => {
    const database = await openDatabase({ dataDir: dir }); // holds the lock, as the running app does
    try {
      const r = await run(['sales', '--org', 'Reports A'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/already open in another process/);
      expect(r.stdout).toBe('');
    } finally {
      await database.close();
    }
  }, 60_000);
});
