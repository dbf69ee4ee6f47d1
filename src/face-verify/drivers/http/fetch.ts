/** The HTTP port over `fetch` (browsers, H5 builds, Node 18+), with a per-request timeout. */
import { DriverError, type HttpPort, type HttpRequest, type HttpResponse } from '../../core/ports';

/**
 * The HTTP port over `fetch`.
 * @param doFetch the fetch to use. @default globalThis.fetch, looked up at each call
 * @example
 * const flow = createFaceVerify({ endpoint: '/api/face/verify', http: createFetchHttp() });
 */
export function createFetchHttp(doFetch?: typeof fetch): HttpPort {
  return {
    async request({ url, method, headers, body, timeoutMs }: HttpRequest): Promise<HttpResponse> {
      const send = doFetch ?? globalThis.fetch;
      if (typeof send !== 'function') throw new DriverError('unsupported', 'fetch');
      const controller = typeof AbortController === 'function' ? new AbortController() : null;
      const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
      try {
        const response = await send(url, { method, headers, body, ...(controller ? { signal: controller.signal } : {}) });
        return { status: response.status, text: await response.text() };
      } catch (error) {
        const aborted = error instanceof Error && error.name === 'AbortError';
        throw new DriverError(aborted ? 'timeout' : 'failed', 'fetch');
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
    },
  };
}
