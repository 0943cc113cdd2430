// Test helper process: one sync tick against the embedded database in a folder, as the app's
// worker would run it. The killed-mid-sync test SIGKILLs it part way.
import { openDatabase } from '@/lib/db/connect';
import { RateLimits } from '@/lib/marketplaces/http';
import { connectorsFromDatabase } from '@/lib/sync/connectors';
import { runDueJobs } from '@/lib/sync/worker';

const [dataDir, walmartUrl, keyB64] = process.argv.slice(2);
const database = await openDatabase({ dataDir });
const keys = [{ id: 'k1', key: Buffer.from(keyB64, 'base64') }];
const marketplaces = {
  walmart: { baseUrl: walmartUrl },
  amazon: { region: 'na' as const, marketplaceIds: [], sellerCentralUrl: walmartUrl, endpointOverride: null, app: null },
  ebay: { apiBaseUrl: walmartUrl, authBaseUrl: walmartUrl, marketplaceId: 'EBAY_US', app: null },
  shippo: { baseUrl: walmartUrl, apiKey: null },
};
console.log('syncing');
await runDueJobs({ db: database.db, connectorFor: connectorsFromDatabase(database.db, keys, { marketplaces, limits: new RateLimits() }), kinds: ['sync_orders'], lookbackMs: 30 * 86_400_000 });
console.log('done');
await database.close();
