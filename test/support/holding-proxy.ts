// An HTTP proxy in front of a sandbox that can stop one request at a chosen point and say so, so a
// test can kill the calling process exactly there:
//   - phase 'request': the request arrived and is held; the sandbox never sees it (a call in flight);
//   - phase 'response': the sandbox ran it (and committed) and answered; the answer is held (a
//     call whose outcome the caller never learns).
// Everything else passes through unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldRule {
  method: string;
  /** Part of the request path (with its query string), or a pattern it matches. */
  path: string | RegExp;
  phase: 'request' | 'response';
}

interface Armed extends HoldRule {
  held: () => void;
}

export interface HoldingProxy {
  url: string;
  /** Holds the next matching request; resolves once it is held. */
  hold(rule: HoldRule): Promise<void>;
  close(): Promise<void>;
}

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const rules: Armed[] = [];
  const heldResponses = new Set<http.ServerResponse>();

  const take = (req: http.IncomingMessage): Armed | undefined => {
    const url = req.url ?? '';
    const i = rules.findIndex(
      (r) =>
        r.method === req.method && (typeof r.path === 'string' ? url.includes(r.path) : r.path.test(url)),
    );
    return i < 0 ? undefined : rules.splice(i, 1)[0];
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rule = take(req);
      if (rule?.phase === 'request') {
        heldResponses.add(res);
        rule.held();
        return;
      }
      const headers = { ...req.headers, host: upstream.host };
      const forward = http.request(
        new URL(req.url ?? '/', upstream),
        { method: req.method, headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (rule) {
              heldResponses.add(res);
              rule.held();
              return;
            }
            const out: http.OutgoingHttpHeaders = {};
            for (const [k, v] of Object.entries(answer.headers))
              if (!hopByHop.has(k) && v !== undefined) out[k] = v;
            const payload = Buffer.concat(body);
            out['content-length'] = payload.length;
            res.writeHead(answer.statusCode ?? 502, out);
            res.end(payload);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (rule) => new Promise<void>((held) => rules.push({ ...rule, held })),
    async close() {
      for (const res of heldResponses) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
