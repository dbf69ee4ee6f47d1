/** The real alipay-sdk against the Alipay stand-in over loopback, and a few ways to break the path between them. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlipaySdk, type AlipaySdkConfig } from 'alipay-sdk';
import { toNodeListener, type MockAlipayServer } from 'taro-face-verify/server';

/** An SDK configured as an app would configure it for this stand-in; `overrides` break one thing on purpose. */
export function sdkFor(mock: MockAlipayServer, overrides: Partial<AlipaySdkConfig> = {}): AlipaySdk {
  return new AlipaySdk({
    appId: mock.appId,
    privateKey: mock.appPrivateKey as string,
    alipayPublicKey: mock.alipayPublicKey,
    gateway: mock.gateway,
    ...overrides,
  });
}

/** Starts a node:http server for a Web handler on a free loopback port. */
export async function listen(handler: (request: Request) => Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A man in the middle: forwards to the stand-in and rewrites its answer text. */
export function tamperingProxy(mock: MockAlipayServer, rewrite: (text: string) => string) {
  return listen(async (request) => {
    const target = new URL(request.url);
    const forwarded = new Request(`${mock.url}${target.pathname}${target.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'POST' ? await request.text() : undefined,
    });
    const answer = await mock.handle(forwarded);
    return new Response(rewrite(await answer.text()), { status: answer.status, headers: answer.headers });
  });
}

export const PERSON = { name: '张三', idCardNumber: '11010519491231002x' } as const;
