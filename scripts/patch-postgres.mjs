// postinstall: one round trip per statement with postgres.js and `prepare: false`.
//
// ESM runs postgres.js without prepared statements (Supabase's transaction pooler has none). In
// that mode postgres.js 3.4 sends every statement that has parameters in two flights: Parse and
// Describe, wait for the parameter types, then Bind and Execute. Nothing else is sent on that
// connection in between, so statements a transaction issues together are not pipelined either.
// An Orders page was about 12 round trips. The Describe answer only matters for parameters whose
// type postgres.js could not infer (0, "unknown") and whose JS value needs a type-specific
// serializer. A string, a finite number or null does not (it is sent as text and typed by the
// server, as any untyped parameter is). So when every parameter of unknown type is one of those,
// this patch sends Parse, Describe, Bind, Execute and Sync in one flight, the way postgres.js
// already sends statements without parameters. Parameters stay bound server-side; the SQL text
// is unchanged. Parameters postgres.js typed itself (Date, Buffer, boolean, bigint) keep their
// serializer either way; arrays and objects of unknown type still describe first.
//
// lib/db/single-flight.test.ts fails when this patch is missing. If postgres.js changes the line
// below, this script fails the install rather than leaving the app silently slower.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const ORIGINAL = 'q.describeFirst = q.onlyDescribe || (parameters.length && !q.prepared)';
const MARKER = '/* esm: single flight */';
const PATCHED = `q.describeFirst = q.onlyDescribe || (parameters.length && !q.prepared && !(options.prepare === false && parameters.every((x, i) => types[i] || x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x))))) ${MARKER}`;

if (!fs.existsSync(root)) process.exit(0); // not installed (e.g. a partial install): nothing to patch
const files = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
let failed = false;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes(MARKER)) continue;
  if (!text.includes(ORIGINAL)) {
    console.error(`patch-postgres: ${path.relative(process.cwd(), file)} no longer has the line this patch changes; check scripts/patch-postgres.mjs against this postgres.js version`);
    failed = true;
    continue;
  }
  fs.writeFileSync(file, text.replace(ORIGINAL, PATCHED));
}
if (failed || files.length === 0) process.exit(1);
