// SHIPPO_WEBHOOK_TOKEN: optional in production (the webhook route is then off), validated when
// set; the embedded default derives a stable token from its local secret.
import { describe, expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { loadConfig } from '@/lib/env';

const production = {
  SUPABASE_URL: 'https://abc.supabase.co',
  SUPABASE_ANON_KEY: 'anon-key-0123456789abcdef',
  DATABASE_URL: 'postgres://u:p@db.example.com:5432/postgres',
  ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  CRON_SECRET: 'c'.repeat(40),
};

describe('Shippo webhook token', () => {
  it('is null in production unless set, and taken as given when valid', () => {
    expect(loadConfig(production).shippoWebhookToken).toBeNull();
    const token = 'tok_' + 'b'.repeat(40);
    expect(loadConfig({ ...production, SHIPPO_WEBHOOK_TOKEN: token }).shippoWebhookToken).toBe(token);
  });

  it.each(['short', 'x'.repeat(129), 'has spaces but is long enough to be a token ok', '?token=' + 'a'.repeat(40)])('refuses %j', (bad) => {
    expect(() => loadConfig({ ...production, SHIPPO_WEBHOOK_TOKEN: bad })).toThrow(/SHIPPO_WEBHOOK_TOKEN must be 32-128 characters/);
  });

  it('is derived on the embedded default: stable across restarts, different per data folder', () => {
    const a = tempDir('env');
    const b = tempDir('env');
    const t1 = loadConfig({ ESM_DATA_DIR: a }).shippoWebhookToken;
    expect(t1).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({ ESM_DATA_DIR: a }).shippoWebhookToken).toBe(t1);
    expect(loadConfig({ ESM_DATA_DIR: b }).shippoWebhookToken).not.toBe(t1);
  });
});
