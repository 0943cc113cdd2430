// `npm run sandbox`: the simulators standalone, one line per service with its base URL.
import { isProductionEnv } from '@/lib/env';
import { startSandboxes } from './index';

if (isProductionEnv(process.env)) {
  console.error('Refusing to start sandbox services: production configuration (SUPABASE_URL, SUPABASE_ANON_KEY or VERCEL) is set.');
  process.exit(1);
}
const basePort = Number(process.env.SANDBOX_PORT ?? 4101);
const sandboxes = await startSandboxes({ basePort, appUrl: process.env.APP_URL });
for (const s of sandboxes.all) console.log(`${s.name.padEnd(8)} ${s.url}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    await sandboxes.close();
    process.exit(0);
  });
}
