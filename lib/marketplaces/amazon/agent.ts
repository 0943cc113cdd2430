// amazon-sp-api 1.2.1 hard-codes its hosts (sellingpartnerapi-{na,eu,fe}.amazon.com, port 443);
// its one supported seam is `https_proxy_agent`, handed to every https.request it makes. One
// CallAgent is made per request, for two reasons:
// - with a base URL it ignores the host the SDK asked for and connects there instead (plain TCP
//   for http://, the local simulator; TLS for https://), keeping the SDK's Host header;
// - it tells us when the socket closed. The SDK never settles its promise when a response is cut
//   off mid-body (it listens for 'end' only, and its deadline timer cannot fire on a finished
//   request), so the caller races the SDK against "socket closed, no answer".
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

export class CallAgent extends https.Agent {
  private readonly target: { host: string; port: number; secure: boolean } | null;
  private closeListeners: Array<() => void> = [];
  closed = false;

  constructor(baseUrl?: string) {
    // No keep-alive: the socket lives for exactly one SDK request.
    super({ keepAlive: false });
    if (!baseUrl) {
      this.target = null;
      return;
    }
    const u = new URL(baseUrl);
    const secure = u.protocol === 'https:';
    this.target = { host: u.hostname, port: u.port ? Number(u.port) : secure ? 443 : 80, secure };
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closeListeners.push(fn);
  }

  override createConnection(options: tls.ConnectionOptions): Duplex {
    const t = this.target;
    const socket: Duplex = t
      ? t.secure
        ? tls.connect({ host: t.host, port: t.port, ...(net.isIP(t.host) ? {} : { servername: t.host }) })
        : net.connect(t.port, t.host)
      : (https.Agent.prototype as unknown as { createConnection(o: unknown): Duplex }).createConnection.call(this, options);
    socket.once('close', () => {
      this.closed = true;
      const fns = this.closeListeners;
      this.closeListeners = [];
      for (const fn of fns) fn();
    });
    return socket;
  }
}
