// Starts every marketplace and Shippo simulator on loopback: standalone (`npm run sandbox`), or
// beside the app on its embedded default. One simulated clock drives them all.
import { SimClock } from './core/clock';
import { startService, type RunningService } from './core/server';
import { AmazonSandbox, defaultAmazonApps } from './amazon';
import { EbaySandbox, demoEbayApp } from './ebay';
import { ShippoSandbox } from './shippo';
import { WalmartSandbox } from './walmart';

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
}

export async function startSandboxes(opts: StartSandboxesOptions = {}): Promise<Sandboxes> {
  const clock = opts.clock ?? new SimClock();
  const appUrl = (opts.appUrl ?? 'http://localhost:3000').replace(/\/$/, '');
  const port = (i: number) => (opts.basePort ? opts.basePort + i : 0);
  const amazonApps = defaultAmazonApps().map((a) => ({
    ...a,
    redirectUris: [...new Set([...a.redirectUris, `${appUrl}/api/oauth/amazon/callback`])],
  }));
  const started: RunningService[] = [];
  try {
    const walmart = await startService(new WalmartSandbox({ clock }), { port: port(0) });
    started.push(walmart);
    const amazon = await startService(new AmazonSandbox({ clock, apps: amazonApps }), { port: port(1) });
    started.push(amazon);
    const ebay = await startService(new EbaySandbox({ clock, apps: [demoEbayApp(`${appUrl}/api/oauth/ebay/callback`)] }), { port: port(2) });
    started.push(ebay);
    const shippo = await startService(new ShippoSandbox({ clock }), { port: port(3) });
    started.push(shippo);
    return {
      clock,
      walmart,
      amazon,
      ebay,
      shippo,
      all: started,
      close: async () => void (await Promise.all(started.map((s) => s.close()))),
    };
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
}
