// postgres.js with `prepare: false` sends a statement with parameters in one flight (Parse,
// Describe, Bind, Execute, Sync) when every parameter of unknown type is a string, a finite number
// or null: scripts/patch-postgres.mjs, run by `npm install`. Without it each such statement waited
// for a Describe answer first (two round trips, and nothing pipelined behind it).
//
// What proves the one-flight path on the wire: a string bound to a boolean. After a Describe,
// postgres.js serializes by the type the server named, and its boolean serializer turns the string
// 'true' into 'f'; in one flight the text goes as is and the server reads true.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './connect';

describe('postgres.js single flight', () => {
  it('the install patched every build of postgres.js the app can load', () => {
    for (const f of ['src/connection.js', 'cjs/src/connection.js']) {
      expect(fs.readFileSync(path.join('node_modules/postgres', f), 'utf8'), f).toContain('/* esm: single flight */');
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('strings and numbers go in one flight; arrays, dates and buffers keep their types', async () => {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 1 });
    try {
      const [row] = rowsOf<Record<string, unknown>>(
        await database.db.execute(sql`select ${'true'}::boolean as b, ${41}::int + 1 as n, ${null}::text as z, ${"it's"} as s, ${"O'Brien; drop table x"}::text as q`),
      );
      expect(row).toEqual({ b: true, n: 42, z: null, s: "it's", q: "O'Brien; drop table x" });
      // Parameters postgres.js types itself, or must describe, still arrive as what they are.
      const client = (await import('postgres')).default(process.env.DATABASE_URL!, { prepare: false, max: 1, onnotice: () => {} });
      try {
        const [r] = await client.unsafe('select $1::text[] as a, $2::timestamptz as t, $3::bytea as y, $4::boolean as f', [
          ['a', 'b,c'], new Date('2026-03-08T07:00:00Z'), Buffer.from([0, 255]), false,
        ] as never[]);
        expect(r.a).toEqual(['a', 'b,c']);
        expect(new Date(r.t as string).toISOString()).toBe('2026-03-08T07:00:00.000Z');
        expect([...(r.y as Buffer)]).toEqual([0, 255]);
        expect(r.f).toBe(false);
        // Statements a transaction issues together all come back, in order, each with its own rows.
        const got = await client.begin((tx) => Promise.all([1, 2, 3, 4].map((i) => tx.unsafe('select $1::int as i, $2::text as s', [i, `n${i}`]))));
        expect(got.map((g) => g[0])).toEqual([1, 2, 3, 4].map((i) => ({ i, s: `n${i}` })));
        // An error in one flight fails that statement only, with the server's message.
        await expect(client.unsafe('select $1::int as i', ['not a number'])).rejects.toThrow(/invalid input syntax for type integer/);
        expect(await client.unsafe('select $1::text as ok', ['fine'])).toEqual([{ ok: 'fine' }]);
      } finally {
        await client.end();
      }
    } finally {
      await database.close();
    }
  });
});
