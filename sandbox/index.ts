// Starts every marketplace and Shippo simulator on loopback: standalone (`npm run sandbox`), or
// beside the app on its embedded default. One simulated clock drives them all.
import { SimClock } from './core/clock';
import { startService, type RunningService } from './core/server';
import { AmazonSandbox, defaultAmazonApps } from './amazon';
import { EbaySandbox, demoEbayApp, EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_SELLER_USERNAME } from './ebay';
import { USER_SCOPES as EBAY_USER_SCOPES } from './ebay/scopes';
import { EBAY_DEMO_REFRESH_TOKEN } from './demo/constants';
import { demoAmazonAccounts, demoEbayAccounts, demoWalmartAccounts } from './demo/profiles';
import { ShippoSandbox } from './shippo';
import { WalmartSandbox } from './walmart';
import { workbenchWalmartAccounts } from './walmart/accounts';

export interface Sandboxes {
  clock: SimClock;
  walmart: RunningService;
  amazon: RunningService;
  ebay: RunningService;
  shippo: RunningService;
  all: RunningService[];
  close(): Promise<void>;
}

export interface StartSandboxesOptions {
  /** First port; the services take four consecutive ports. 0: any free ports (tests). */
  basePort?: number;
  /** The app's public URL, for OAuth redirects back to it. */
  appUrl?: string;
  clock?: SimClock;
  /**
   * A time on the demo shop's day (demo/day.ts): its orders are built from that day, so a restart
   * on a later day serves the same orders under the same numbers. Default: now.
   */
  demoDay?: number;
}

const WEBHOOK_EVERY_MS = 2_000;

export async function startSandboxes(opts: StartSandboxesOptions = {}): Promise<Sandboxes> {
  const clock = opts.clock ?? new SimClock();
  const appUrl = (opts.appUrl ?? 'http://localhost:3000').replace(/\/$/, '');
  const port = (i: number) => (opts.basePort ? opts.basePort + i : 0);
  const day = opts.demoDay ?? clock.now();
  const amazonApps = defaultAmazonApps().map((a) => ({
    ...a,
    redirectUris: [...new Set([...a.redirectUris, `${appUrl}/api/oauth/amazon/callback`])],
  }));
  const started: RunningService[] = [];
  let stopWebhooks = () => {};
  try {
    const walmart = await startService(new WalmartSandbox({ clock, accounts: [...demoWalmartAccounts(day), ...workbenchWalmartAccounts(day)] }), { port: port(0) });
    started.push(walmart);
    const amazon = await startService(new AmazonSandbox({ clock, apps: amazonApps, accounts: demoAmazonAccounts(day) }), { port: port(1) });
    started.push(amazon);
    const ebaySandbox = new EbaySandbox({ clock, accounts: demoEbayAccounts(day), apps: [demoEbayApp(`${appUrl}/api/oauth/ebay/callback`)] });
    // The embedded default's demo organization is connected to this seller from the start.
    ebaySandbox.oauth.registerRefreshToken(EBAY_DEMO_REFRESH_TOKEN, EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_SELLER_USERNAME, [...EBAY_USER_SCOPES]);
    const ebay = await startService(ebaySandbox, { port: port(2) });
    started.push(ebay);
    // Shippo's own clock follows the shared one and may run ahead of it (POST /__sandbox/clock/advance
    // on Shippo's port): packages are delivered, refunds settle, the marketplaces stay where they are.
    const shippoSandbox = new ShippoSandbox({ clock: clock.derive() });
    const shippo = await startService(shippoSandbox, { port: port(3) });
    started.push(shippo);
    // Shippo's webhooks (track_updated as packages move) go out every few seconds of real time.
    stopWebhooks = shippoSandbox.startWebhookDelivery(WEBHOOK_EVERY_MS, shippo.url);
    return {
      clock,
      walmart,
      amazon,
      ebay,
      shippo,
      all: started,
      close: async () => {
        stopWebhooks();
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (e) {
    stopWebhooks();
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
}

/**
 * The app-level credentials the simulators accept (ESM's own Amazon app, eBay keyset and
 * Shippo key in the sandbox), as the environment variables production would set.
 */
export async function sandboxAppEnv(): Promise<Record<string, string>> {
  const amazon = await import('./amazon');
  const ebay = await import('./ebay');
  const shippo = await import('./shippo');
  return {
    AMAZON_LWA_CLIENT_ID: amazon.AMAZON_DEMO_CLIENT_ID,
    AMAZON_LWA_CLIENT_SECRET: amazon.AMAZON_DEMO_CLIENT_SECRET,
    AMAZON_APP_ID: amazon.AMAZON_DEMO_APPLICATION_ID,
    EBAY_CLIENT_ID: ebay.EBAY_SANDBOX_CLIENT_ID,
    EBAY_CLIENT_SECRET: ebay.EBAY_SANDBOX_CLIENT_SECRET,
    EBAY_RUNAME: ebay.EBAY_SANDBOX_RUNAME,
    SHIPPO_API_KEY: shippo.SHIPPO_DEMO_API_KEY,
  };
}
