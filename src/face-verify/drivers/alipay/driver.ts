/**
 * The Alipay driver: the core's neutral device port over `my.startAPVerify` (支付宝身份验证). The certify id
 * and URL come from the app's backend as the ticket; the capture answers `{ certify_id }` for resultStatus
 * 9000, which is never success by itself: the backend's query decides. Everything else is a failure
 * classified by the outcome table.
 */
import { withAlipayWording } from './wording';
import { parseAlipayTicket, type AlipayTicket, type Ticket } from '../../contract';
import type { CameraPermission, CaptureOutcome, CaptureRequest, ClassifiedFailure, FaceDriver, TicketSpec } from '../../core/ports';
import type { AlipayNativeObject } from './call';
import { createAlipayNative, type AlipayCameraSetting, type AlipayNative, type AlipayVerifyAnswer } from './native';
import { classifyGatewayCode, classifyVerifyAnswer, type AlipayFailure } from './outcomes';
import { probeAlipay } from './probe';
import { ALIPAY_ERROR_WORDS } from './words';

/** A certify id is spent by one capture; the typed identity, if any, goes to the ticket request. */
export const ALIPAY_TICKET: TicketSpec = {
  request: (identity) => ({ platform: 'alipay', ...(identity ?? {}) }),
  parse: parseAlipayTicket,
  singleUse: true,
  withIdentity: true,
};

/** A row of the outcome table as the port's failure; `code` is Alipay's own (6001, 'SYSTEM_ERROR', …). */
export function toClassifiedFailure(outcome: AlipayFailure, code: number | string): ClassifiedFailure {
  // The table's rows are already the port's shape: only the code changes (Alipay's own instead of the row's key).
  const { code: _row, ...row } = outcome;
  return { ...row, code };
}

/** The code a failed startAPVerify answer is reported under: the errorCode with 4000, else the status. */
function answerCode(answer: AlipayVerifyAnswer): number | string {
  if (answer.settled === 'failed') return 'capture-failed';
  if (answer.resultStatus === '4000' && answer.errorCode) return answer.errorCode;
  return /^\d+$/.test(answer.resultStatus) ? Number(answer.resultStatus) : answer.resultStatus;
}

const isAlipayTicket = (ticket: Ticket | null): ticket is AlipayTicket =>
  ticket !== null && 'certifyId' in ticket && typeof ticket.url === 'string';

const NO_TICKET: CaptureOutcome = {
  ok: false,
  failure: { code: 'no-certify-id', kind: 'fatal', retryable: false, message: 'developer' },
};
// A function, not a constant: a property read at module level would keep Alipay's words in every bundle that
// carries this module's file (a WeChat build included), since a minifier cannot prove the read side-effect free.
const apiUnavailable = (): CaptureOutcome => ({
  ok: false,
  failure: { code: 'api-unavailable', kind: 'device', retryable: false, message: ALIPAY_ERROR_WORDS.unavailable, action: 'update-alipay' },
});

const asPermission = (setting: AlipayCameraSetting): CameraPermission => setting;

/** Alipay's device driver: the neutral port plus the native layer it is built on. */
export type AlipayDriver = FaceDriver & { readonly native: AlipayNative };

/**
 * The port over an Alipay native layer (the real one, or the preview's simulated one). The native layer is
 * read at each call, so a test's spies are what the port calls.
 */
export function withAlipayPort(native: AlipayNative, identity: { name: string; mock: boolean }): AlipayDriver {
  return {
    name: identity.name,
    mock: identity.mock,
    wording: withAlipayWording,
    native,
    // No protocol choice and no liveness mode on Alipay: the ticket endpoint always issues a certify id.
    plan: () => ({ identity: 'optional', ticket: ALIPAY_TICKET }),
    probe: () => probeAlipay(native),
    async capture({ ticket }: CaptureRequest): Promise<CaptureOutcome> {
      if (!isAlipayTicket(ticket)) return NO_TICKET;
      if (!native.canStartVerify()) return apiUnavailable();
      let answer: AlipayVerifyAnswer;
      try {
        answer = await native.startAPVerify({ url: ticket.url, certifyId: ticket.certifyId });
      } catch {
        answer = { settled: 'failed', error: null, errorMessage: '' };
      }
      const next = classifyVerifyAnswer(answer);
      // 9000 only means "ask the server": the payload names the certify id the backend issued, nothing more.
      if (next.next === 'query-server') return { ok: true, payload: { platform: 'alipay', certify_id: ticket.certifyId } };
      return { ok: false, failure: toClassifiedFailure(next, answerCode(answer)) };
    },
    // startAPVerify asks for the camera itself; this runs only after the probe found it refused.
    requestCameraPermission: () => native.getCameraSetting().then(asPermission),
    openSettings: () => native.openSetting().then(asPermission),
    // A gateway code the backend passed on (20000, 40004, …); the server's verdict codes are read by the core.
    classify: (code) => (code >= 20000 && code < 50000 ? toClassifiedFailure(classifyGatewayCode(String(code)), code) : null),
  };
}

/**
 * The Alipay device driver (支付宝身份验证 via `my.startAPVerify`). The default driver on an alipay build;
 * its ticket endpoint answers `{ certifyId, url, expiresIn }` and the verify endpoint gets `{ certify_id }`.
 * @param my the native object. @default the `my` global (Taro's object works too: it copies each key of `my`)
 * @example
 * import Taro from '@tarojs/taro';
 * const flow = createFaceVerify({
 *   driver: createAlipayDriver(), // or createAlipayDriver(Taro)
 *   ticketEndpoint: 'https://api.example.com/face/ticket',
 *   endpoint: 'https://api.example.com/face/verify',
 * });
 * await flow.getState().start(); // the ticket endpoint knows the user
 */
export function createAlipayDriver(my?: AlipayNativeObject): AlipayDriver {
  return withAlipayPort(my === undefined ? createAlipayNative() : createAlipayNative(my), { name: 'alipay', mock: false });
}
