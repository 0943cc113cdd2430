// The app under test: a production build started on its embedded default with a fresh data
// folder, exactly as `npm run build && npm start` would run it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '3100';
const dataDir = path.resolve('.data', `e2e-${port}`);
fs.rmSync(dataDir, { recursive: true, force: true });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!process.env.E2E_SKIP_BUILD) {
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Production variables from the developer's shell must not turn the e2e run into production.
const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, ESM_DATA_DIR: dataDir };
for (const k of ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'VERCEL', 'DATABASE_URL']) delete env[k];
const app = spawn(npm, ['start'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => app.kill(sig));
app.on('exit', (code) => process.exit(code ?? 0));
