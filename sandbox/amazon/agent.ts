// amazon-sp-api 1.2.1 hard-codes https://api.amazon.com and https://sellingpartnerapi-na.amazon.com
// on port 443; its only supported seam is `options.https_proxy_agent`, handed to every
// https.request. This agent ignores the requested host and opens a plain TCP connection to the
// simulator, so the SDK speaks HTTP/1.1 to it with the original Host header (which the
// simulator routes on). Only for talking to the sandbox: nothing here is encrypted.
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';

export class AmazonSandboxAgent extends https.Agent {
  constructor(readonly host: string, readonly port: number) {
    super({ keepAlive: false });
  }

  override createConnection(): Duplex {
    return net.connect(this.port, this.host);
  }
}

/** An https.Agent for amazon-sp-api's `https_proxy_agent` that reaches the simulator at `baseUrl`. */
export function amazonProxyAgent(baseUrl: string): https.Agent {
  const u = new URL(baseUrl);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  return new AmazonSandboxAgent(u.hostname, port);
}
