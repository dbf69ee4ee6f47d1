/** toNodeListener: a request the Fetch API cannot represent is the client's fault (4xx), not a 500. */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerifyHandler, toNodeListener } from 'taro-face-verify/server';
import { inProcessWeChat } from './helpers';

describe('toNodeListener: requests a Web Request cannot represent get a 4xx', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const { api } = inProcessWeChat();
    server = createServer(toNodeListener(createVerifyHandler({ api, expect: () => ({}) })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (method: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path: '/api/face/verify', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it.each([
    ['TRACE', {}],
    ['POST', { host: 'bad host name' }],
  ])('%s %j answers 400 JSON, not 500', async (method, headers) => {
    const answer = await send(method, headers);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, code: expect.any(String) });
  });
});
