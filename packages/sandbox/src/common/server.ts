// Serving a sandbox over HTTP: listen on host and port (0 picks a free port), report the URL, and
// close again, dropping open connections, once the sandbox itself has stopped.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServerOptions {
  /** 0 picks a free port; absent, each sandbox uses its own default. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';

/** Base URL of a server on `host` (an IPv6 address in brackets). */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Listens with `listener` on `host`:`port`. `close` runs `stop` (timers, pending deliveries) first,
 * then drops every open connection and closes the server.
 */
export async function listen(
  listener: RequestListener,
  host: string,
  port: number,
  stop: () => void | Promise<void> = () => undefined,
): Promise<RunningServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Idle keep-alive connections outlive the clients' own idle timeout (Node's agent: 5 s), as
  // real APIs' do: otherwise a request can race the server closing its connection (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: serverUrl(host, actualPort),
    port: actualPort,
    close: async () => {
      await stop();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
