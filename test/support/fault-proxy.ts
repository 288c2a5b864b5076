import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Fault =
  | { readonly kind: 'throttle' | 'limit-exceeded' | 'http-500' | 'http-503' | 'reset' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'query-status'; readonly status: 'Failed' | 'Timeout' | 'Cancelled' | 'Running' }
  | { readonly kind: 'truncate'; readonly keep: number };

/** Decides the fault for the `n`th request (1-based) of operation `op` (StartQuery, GetQueryResults, …). */
export type FaultPlan = (op: string, n: number, body: Record<string, unknown>) => Fault | undefined;

export interface ProxyLog {
  readonly op: string;
  readonly fault: Fault['kind'] | undefined;
  readonly body: Record<string, unknown>;
}

export interface FaultProxy {
  readonly url: string;
  readonly log: ProxyLog[];
  setPlan(plan: FaultPlan): void;
  close(): Promise<void>;
}

const awsError = (res: ServerResponse, status: number, type: string, message: string): void => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fault-proxy' });
  res.end(JSON.stringify({ __type: type, message }));
};

/** A fault-injecting HTTP proxy on 127.0.0.1 in front of `target` (the moto server), for the AWS JSON protocol. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let plan: FaultPlan = () => undefined;
  const counts = new Map<string, number>();
  const log: ProxyLog[] = [];
  const upstream = new URL(target);

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (r) => {
        const parts: Buffer[] = [];
        r.on('data', (d: Buffer) => parts.push(d));
        r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(parts) }));
        r.on('error', reject);
      });
      up.on('error', reject);
      up.end(body);
    });

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(parts);
        const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
        const n = (counts.get(op) ?? 0) + 1;
        counts.set(op, n);
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(body.toString() || '{}') as Record<string, unknown>;
        } catch {
          parsed = {};
        }
        const fault = plan(op, n, parsed);
        log.push({ op, fault: fault?.kind, body: parsed });
        switch (fault?.kind) {
          case 'throttle':
            return awsError(res, 400, 'ThrottlingException', 'Rate exceeded');
          case 'limit-exceeded':
            return awsError(res, 400, 'LimitExceededException', 'Too many concurrent queries');
          case 'http-500':
            return awsError(res, 500, 'InternalFailure', 'injected');
          case 'http-503':
            return awsError(res, 503, 'ServiceUnavailableException', 'injected');
          case 'reset':
            req.socket.destroy();
            return;
          case 'delay':
            await new Promise((r) => setTimeout(r, fault.ms));
            if (res.destroyed || req.socket.destroyed) return;
            break;
        }
        const answer = await forward(req, body);
        let out = answer.body;
        if (op === 'GetQueryResults' && (fault?.kind === 'query-status' || fault?.kind === 'truncate')) {
          const doc = JSON.parse(out.toString()) as { status: string; results: unknown[]; statistics?: Record<string, number> };
          if (fault.kind === 'query-status') {
            doc.status = fault.status;
            doc.results = fault.status === 'Running' ? doc.results.slice(0, 1) : [];
          } else {
            doc.statistics = { ...(doc.statistics ?? {}), recordsMatched: doc.results.length };
            doc.results = doc.results.slice(0, fault.keep);
          }
          out = Buffer.from(JSON.stringify(doc));
        }
        const headers: Record<string, string | string[] | undefined> = { ...answer.headers, 'content-length': String(out.length) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.status, headers);
        res.end(out);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setPlan: (p) => {
      plan = p;
      counts.clear();
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
