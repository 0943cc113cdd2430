// lib/marketplaces is the bottom of the domain: its product files import no database, sync,
// accounts, orgs, simulator or UI code, and test support lives outside product folders.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, isTestFile, sourceFiles, under, violations, type Rule } from '@/tests/support/import-graph';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = under('lib/db', 'lib/sync', 'lib/accounts', 'lib/orgs', 'sandbox', 'app', 'components');
const RULE: Rule = {
  why: 'lib/marketplaces talks to marketplaces only (DESIGN §3, §11)',
  from: (f) => under('lib/marketplaces')(f) && !isTestFile(f),
  to: FORBIDDEN,
};

describe('lib/marketplaces boundaries', () => {
  it('imports nothing from the database, sync, accounts, orgs, the simulators or the UI', () => {
    expect(violations(importGraph(ROOT, sourceFiles(ROOT, 'lib/marketplaces')), [RULE])).toEqual([]);
  });

  it('the rule catches a forbidden arrow', () => {
    const edge = { from: 'lib/marketplaces/walmart/client.ts', to: 'sandbox/walmart', line: 1 };
    expect(violations([edge], [RULE])).toHaveLength(1);
  });

  it('keeps no test support file in product folders', () => {
    const product = ['lib', 'app', 'components'].flatMap((d) => sourceFiles(ROOT, d));
    expect(product.filter((f) => /(^|\/)test-(harness|support|data)\.tsx?$/.test(f))).toEqual([]);
  });
});
