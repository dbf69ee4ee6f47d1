/** Shared set-up for the server tests: the in-process WeChat stand-in and request builders. */
import { createMockWeChat, createWeChatApi, type MockWeChatOptions } from 'taro-face-verify/server';

export const USER = { name: '张三', idCardNumber: '11010519491231002X' } as const;
export const OTHER = { name: '李四', idCardNumber: '110105194912310029' } as const;

/** The stand-in in process and an API client on it that never really sleeps. */
export function inProcessWeChat(options: MockWeChatOptions = {}) {
  const mock = createMockWeChat(options);
  const api = createWeChatApi({
    appId: mock.appId,
    appSecret: mock.appSecret,
    baseUrl: mock.url,
    fetch: mock.fetch,
    sleep: async () => undefined,
  });
  return { mock, api };
}

/** The content type the verify and ticket handlers require. */
export const JSON_TYPE = { 'content-type': 'application/json' } as const;

export function postJson(body: unknown, url = 'http://app.test/api/face/verify', headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function answerOf(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
