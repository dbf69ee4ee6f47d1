/** Serves a Web-standard handler over real HTTP for the local stand-ins (WeChat, Alipay). Node only. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchHandler } from './errors';
import { toNodeListener } from './node-listener';

/** A listening stand-in: its base URL and how to stop it (open connections included). */
export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: a free one) and resolves once bound. */
export async function listenLoopback(handle: FetchHandler, port: number, host: string): Promise<LoopbackServer> {
  const server = createServer(toNodeListener(handle));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return { url: `http://${host}:${boundPort}`, close };
}
