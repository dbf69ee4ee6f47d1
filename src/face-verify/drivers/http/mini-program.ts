/**
 * The HTTP port over a mini-program's `request` (`wx.request`, `my.request`, or Taro's `request`, which
 * maps onto both), called callback-style. The body goes out as text and comes back as text.
 */
import { DriverError, type HttpPort, type HttpRequest, type HttpResponse } from '../../core/ports';
import { callNative, errMsgOf, numberOr, type NativeApi } from '../callback';

/** Options of {@link createMiniProgramHttp}. */
export interface MiniProgramHttpOptions {
  /** The request parameter that carries headers: WeChat and Taro say `header`, Alipay's `my.request` `headers`. @default 'header' */
  headersField?: 'header' | 'headers';
}

declare const wx: NativeApi | undefined;
const defaultApi = (): NativeApi | undefined => (typeof wx === 'object' && wx !== null ? wx : undefined);

/**
 * The HTTP port over a mini-program's `request`.
 * @param api the object whose `request` is called. @default the `wx` global (Taro's object works too)
 * @example
 * import Taro from '@tarojs/taro';
 * const flow = createFaceVerify({ endpoint: 'https://api.example.com/face/verify', http: createMiniProgramHttp(Taro) });
 */
export function createMiniProgramHttp(api: NativeApi | undefined = defaultApi(), options: MiniProgramHttpOptions = {}): HttpPort {
  const headersField = options.headersField ?? 'header';
  return {
    async request({ url, method, headers, body, timeoutMs }: HttpRequest): Promise<HttpResponse> {
      const { ok, result } = await callNative(api, 'request', {
        url,
        method,
        [headersField]: headers,
        data: body,
        timeout: timeoutMs,
        dataType: 'text',
        responseType: 'text',
      });
      if (!ok) {
        const message = errMsgOf(result) || String(result.errorMessage ?? '');
        throw new DriverError(/timeout/i.test(message) ? 'timeout' : 'failed', 'request', message);
      }
      const data = result.data;
      const status = numberOr(result.statusCode, null) ?? numberOr(result.status, 0) ?? 0;
      return { status, text: typeof data === 'string' ? data : JSON.stringify(data ?? null) };
    },
  };
}
