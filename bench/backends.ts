// Runs a benchmark once per backend, each in a process of its own (so one backend's memory, such
// as PGlite's WASM heap, does not inflate the other's figures): PGlite on a throwaway folder, and
// PostgreSQL on a throwaway database when DATABASE_URL is set. `extra` names further runs.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '@/lib/db/connect';

export async function runPerBackend(
  bench: (name: string, database: Database) => Promise<void>,
  extra: Record<string, () => Promise<void>> = {},
  /** Keep the data between runs: a PostgreSQL database and a PGlite folder of this name, built once. */
  opts: { keep?: string } = {},
): Promise<void> {
  const backend = process.env.BENCH_BACKEND;
  if (opts.keep && (backend === 'pglite' || backend === 'postgres')) return runKept(backend, opts.keep, bench);
  if (backend === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esm-bench-'));
    const pglite = await openDatabase({ dataDir: dir });
    try {
      await bench('PGlite (file)', pglite);
    } finally {
      await pglite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (backend === 'postgres') {
    const { default: postgres } = await import('postgres');
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `esm_bench_${crypto.randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const pg = await openDatabase({ databaseUrl: url.toString() });
    try {
      await bench('PostgreSQL', pg);
    } finally {
      await pg.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  } else if (backend && extra[backend]) {
    await extra[backend]();
  } else {
    for (const b of ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : []), ...Object.keys(extra)]) {
      const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]], { stdio: 'inherit', env: { ...process.env, BENCH_BACKEND: b } });
      if (r.status !== 0) process.exitCode = r.status ?? 1;
    }
  }
}

async function runKept(backend: 'pglite' | 'postgres', keep: string, bench: (name: string, database: Database) => Promise<void>): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(keep)) throw new Error('keep: lower-case letters, digits and _ only');
  if (backend === 'pglite') {
    const dir = path.join(os.tmpdir(), keep);
    fs.mkdirSync(dir, { recursive: true });
    const pglite = await openDatabase({ dataDir: dir });
    try {
      await bench('PGlite', pglite);
    } finally {
      await pglite.close();
    }
    return;
  }
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const exists = await admin`select 1 from pg_database where datname = ${keep}`;
  if (!exists.length) await admin.unsafe(`create database ${keep}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${keep}`;
  const pg = await openDatabase({ databaseUrl: url.toString() });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.close();
  }
}
