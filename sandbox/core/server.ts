// Serves a SandboxService over real HTTP on loopback, with fault injection that needs the socket
// (hangs, resets, truncated bodies) and a small control API under /__sandbox for standalone use.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { rng } from './random';
import type { FaultConfig, SandboxService } from './service';

export interface RunningService {
  name: string;
  url: string;
  port: number;
  service: SandboxService;
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** Seed for the fault dice, so a faulty run is repeatable. */
  faultSeed?: number;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function toHeaders(req: http.IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => h.append(k, x));
    else h.set(k, v);
  }
  return h;
}

async function control(service: SandboxService, req: Request, path: string): Promise<Response | null> {
  if (!path.startsWith('/__sandbox/')) return null;
  const send = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  if (path === '/__sandbox/requests' && req.method === 'GET') return send(service.requests);
  if (path === '/__sandbox/requests' && req.method === 'DELETE') {
    service.resetRecording();
    return send({ ok: true });
  }
  if (path === '/__sandbox/faults' && req.method === 'POST') {
    const body = (await req.json()) as FaultConfig & { pathPattern?: string };
    const { pathPattern, ...rest } = body;
    service.faults = { ...rest, ...(pathPattern ? { pathPattern: new RegExp(pathPattern) } : {}) };
    return send({ ok: true });
  }
  if (path === '/__sandbox/clock/advance' && req.method === 'POST') {
    const { ms } = (await req.json()) as { ms: number };
    service.clock.advance(ms);
    return send({ now: service.clock.now() });
  }
  return send({ error: 'unknown sandbox control path' }, 404);
}

export async function startService(service: SandboxService, opts: StartOptions = {}): Promise<RunningService> {
  const dice = rng(opts.faultSeed ?? 1);
  const sockets = new Set<Socket>();
  const host = opts.host ?? '127.0.0.1';

  const server = http.createServer(async (nodeReq, nodeRes) => {
    try {
      const body = await readBody(nodeReq);
      const url = new URL(nodeReq.url ?? '/', `http://${nodeReq.headers.host ?? host}`);
      const method = (nodeReq.method ?? 'GET').toUpperCase();
      const req = new Request(url, {
        method,
        headers: toHeaders(nodeReq),
        body: method === 'GET' || method === 'HEAD' || body.length === 0 ? undefined : new Uint8Array(body),
      });

      const ctl = await control(service, req, url.pathname);
      if (ctl) return void (await writeResponse(nodeRes, ctl));

      const recorded = {
        at: service.clock.now(),
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(nodeReq.headers).map(([k, v]) => [k, String(v)])),
        body: body.toString('utf8'),
      } as { status?: number } & Parameters<SandboxService['record']>[0];
      service.record(recorded);

      const f = service.faults;
      if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs));
      if (service.faultApplies(url.pathname)) {
        if (f.rate429 && dice() < f.rate429) return void (await writeResponse(nodeRes, service.faultResponse('rate_limited'), recorded));
        if (f.rate500 && dice() < f.rate500) return void (await writeResponse(nodeRes, service.faultResponse('server_error'), recorded));
        if (f.rate503 && dice() < f.rate503) return void (await writeResponse(nodeRes, service.faultResponse('unavailable'), recorded));
        if (f.rateHang && dice() < f.rateHang) return; // the socket is destroyed on close()
        if (f.rateReset && dice() < f.rateReset) return void nodeReq.socket.destroy();
        if (f.rateMalformed && dice() < f.rateMalformed) {
          recorded.status = 200;
          nodeRes.writeHead(200, { 'content-type': 'application/json' });
          return void nodeRes.end('<html><body>Bad Gateway</body></html>');
        }
        if (f.rateTruncated && dice() < f.rateTruncated) {
          const res = await service.handle(req);
          const full = Buffer.from(await res.arrayBuffer());
          recorded.status = res.status;
          nodeRes.writeHead(res.status, { ...Object.fromEntries(res.headers), 'content-length': String(full.length) });
          nodeRes.write(full.subarray(0, Math.floor(full.length / 2)));
          return void setImmediate(() => nodeReq.socket.destroy());
        }
      }
      await writeResponse(nodeRes, await service.handle(req), recorded);
    } catch (err) {
      nodeRes.writeHead(500, { 'content-type': 'application/json' });
      nodeRes.end(JSON.stringify({ error: 'sandbox internal error', message: (err as Error).message }));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    name: service.name,
    url: `http://${host}:${port}`,
    port,
    service,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function writeResponse(nodeRes: http.ServerResponse, res: Response, recorded?: { status?: number }): Promise<void> {
  if (recorded) recorded.status = res.status;
  const headers: Record<string, string | string[]> = {};
  res.headers.forEach((v, k) => {
    if (k === 'set-cookie') return;
    headers[k] = v;
  });
  const cookies = res.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const buf = Buffer.from(await res.arrayBuffer());
  nodeRes.writeHead(res.status, headers);
  nodeRes.end(buf);
}
