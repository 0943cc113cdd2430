// `npm run dev` / `npm start`: validates configuration, starts the sandbox simulators when no
// production configuration is present, runs Next.js, waits until the app has opened (and on the
// embedded default migrated and seeded) its database, then prints where to sign in.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readCronList } from '@/lib/jobs/cron-list';
import { ConfigError, loadConfig, type Config } from '@/lib/env';
import { DatabaseLockedError, lockDataDir } from '@/lib/db/lock';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@/sandbox/demo/constants';

const mode = process.argv[2];
if (mode !== 'dev' && mode !== 'start') {
  console.error('usage: tsx scripts/serve.ts dev|start');
  process.exit(2);
}

let cfg: Config;
try {
  cfg = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

// The embedded database takes one process. /api/health only says "not ready" (it is public), so
// say why here, at once, instead of after the readiness timeout.
if (!cfg.databaseUrl) {
  try {
    lockDataDir(cfg.dataDir)();
  } catch (e) {
    if (!(e instanceof DatabaseLockedError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

// Sandbox simulators run in this process (they need no database); the app reaches them through
// base URLs in its environment, as it reaches the real services in production.
const sandboxEnv: Record<string, string> = {};
const sandboxLines: string[] = [];
if (cfg.sandbox) {
  const { startSandboxes, sandboxAppEnv } = await import('@/sandbox/index');
  // Real app credentials in the environment win; otherwise the simulators' own.
  for (const [k, v] of Object.entries(await sandboxAppEnv())) if (!process.env[k]) sandboxEnv[k] = v;
  const basePort = Number(process.env.SANDBOX_PORT ?? cfg.port + 1101);
  // The demo shop's day, kept beside the data: new embedded data starts a new one (today); a
  // restart on a later day keeps serving the same shop (sandbox/demo/day.ts).
  const { demoDay } = await import('@/sandbox/demo/day');
  const fresh = !cfg.databaseUrl && !fs.existsSync(path.join(cfg.dataDir, 'pglite'));
  const sandboxes = await startSandboxes({ basePort, appUrl: cfg.appUrl, demoDay: demoDay(cfg.dataDir, { fresh }) });
  for (const s of sandboxes.all) {
    sandboxEnv[`ESM_SANDBOX_${s.name.toUpperCase()}_URL`] = s.url;
    sandboxLines.push(`  ${s.name.padEnd(8)} ${s.url}`);
  }
}

const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, mode, '-p', String(cfg.port), '-H', process.env.HOST ?? '0.0.0.0'], {
  stdio: 'inherit',
  env: { ...process.env, ...sandboxEnv, PORT: String(cfg.port) },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

async function waitUntilReady(): Promise<void> {
  const url = `http://127.0.0.1:${cfg.port}/api/health`;
  const deadline = Date.now() + 180_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      const body = (await res.json()) as { ok: boolean };
      if (body.ok) return;
      last = `HTTP ${res.status} (the reason is in the log above)`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`\nESM did not become ready: ${last}`);
  child.kill('SIGTERM');
  process.exit(1);
}

await waitUntilReady();
const lines = [`ESM is ready at ${cfg.appUrl}`];
if (cfg.sandbox) {
  lines.push(
    `Database: ${cfg.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `embedded (PGlite) in ${cfg.dataDir}`}`,
    `Demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`,
    'Sandbox simulators:',
    ...sandboxLines,
  );
}
// The scheduler: what Vercel Cron does in production, for each route vercel.json lists, through the
// same routes and secret. A few requests at once so accounts sync side by side (each claims different jobs).
const SYNC_CONCURRENCY = 3;
async function cronTick(route: string): Promise<void> {
  await Promise.all(
    Array.from({ length: SYNC_CONCURRENCY }, () =>
      fetch(`http://127.0.0.1:${cfg.port}${route}`, {
        headers: { authorization: `Bearer ${cfg.cronSecret}` },
        signal: AbortSignal.timeout(90_000),
      })
        .then((r) => (r.ok ? undefined : console.error(`sync tick: HTTP ${r.status}`)))
        .catch((e: Error) => console.error(`sync tick failed: ${e.message}`)),
    ),
  );
}
if (process.env.ESM_SCHEDULER !== 'off') {
  for (const cron of readCronList()) {
    void cronTick(cron.path);
    setInterval(() => void cronTick(cron.path), cron.everyMs).unref();
  }
}

const width = Math.max(...lines.map((l) => l.length)) + 4;
console.log(`\n${'='.repeat(width)}\n${lines.map((l) => `  ${l}`).join('\n')}\n${'='.repeat(width)}\n`);
