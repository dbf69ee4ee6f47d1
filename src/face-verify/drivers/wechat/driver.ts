/**
 * The WeChat driver: the core's neutral device port built on WeChat's face APIs. WeChat's v1 / v2 choice,
 * its tickets (userIdKey, verifyId), its success codes and its catalogue stay in this folder.
 */
import { parseV1Ticket, parseV2Ticket, type Ticket, type VerifyPayload } from '../../contract';
import {
  DriverError,
  type CaptureOutcome,
  type CapturePlan,
  type CaptureRequest,
  type CaptureSetup,
  type ClassifiedFailure,
  type FaceDriver,
  type TicketSpec,
} from '../../core/ports';
import type { NativeApi } from '../callback';
import { classifyWeChatCode } from './catalogue';
import { wechatFaceApi, type CaptureAnswer, type WeChatFaceApi } from './native';
import { checkAliveTypeFor, probeWeChat } from './probe';

/** v1's userIdKey: reusable until it expires, and replaced by a typed identity. */
const V1_TICKET: TicketSpec = { request: () => ({ protocol: 'v1' }), parse: parseV1Ticket, singleUse: false, withIdentity: false };
/** v2's verifyId: single use, and always needed (a typed identity goes to the ticket request). */
const V2_TICKET: TicketSpec = {
  request: (identity) => ({ protocol: 'v2', ...(identity ?? {}) }),
  parse: parseV2Ticket,
  singleUse: true,
  withIdentity: true,
};

const failure = (code: string, rest: Omit<ClassifiedFailure, 'code'>): CaptureOutcome => ({ ok: false, failure: { code, ...rest } });
const API_UNAVAILABLE = failure('api-unavailable', { kind: 'device', retryable: false, message: 'notSupported', action: 'update-wechat' });
const CAPTURE_FAILED = failure('capture-failed', { kind: 'retry', retryable: true, message: 'transient', action: 'retry' });
// e.g. Taro's H5 stub "resolves" with no credential: never a success.
const NO_CREDENTIAL = failure('no-credential', { kind: 'retry', retryable: true, message: 'transient', action: 'retry' });

const isV2 = (ticket: Ticket | null): ticket is Extract<Ticket, { verifyId: string }> => ticket !== null && 'verifyId' in ticket;

/** WeChat's device driver: the neutral port plus WeChat's face APIs it is built on. */
export type WeChatDriver = FaceDriver & WeChatFaceApi;

/**
 * Adds the device port to an object with WeChat's face APIs. The APIs are read from `native` at each call,
 * so the mock (which simulates them) and a test's spies are what the port calls.
 */
export function withWeChatPort<T extends WeChatFaceApi>(native: T, identity: { name: string; mock: boolean }): T & FaceDriver {
  const call = async (request: CaptureRequest): Promise<CaptureAnswer> => {
    const { ticket, identity: person, mode } = request;
    if (isV2(ticket)) return native.requestFacialVerify({ verifyId: ticket.verifyId });
    const checkAliveType = checkAliveTypeFor(mode);
    const params = ticket && 'userIdKey' in ticket ? { userIdKey: ticket.userIdKey } : { ...person };
    return native.startFacialRecognitionVerify(checkAliveType ? { ...params, checkAliveType } : params);
  };

  const port: Omit<FaceDriver, 'requestCameraPermission' | 'openSettings'> = {
    name: identity.name,
    mock: identity.mock,
    plan: ({ protocol, ticketEndpoint }: CaptureSetup): CapturePlan =>
      protocol === 'v2'
        ? { identity: 'optional', ticket: V2_TICKET }
        : { identity: ticketEndpoint ? 'optional' : 'required', ticket: V1_TICKET },
    probe: (request) => probeWeChat(native, request),
    classify: (code, { attempts }) => classifyWeChatCode(code, attempts),
    async capture(request) {
      let answer: CaptureAnswer;
      try {
        answer = await call(request);
      } catch (error) {
        return error instanceof DriverError && error.code === 'unsupported' ? API_UNAVAILABLE : CAPTURE_FAILED;
      }
      const { ticket } = request;
      const success = answer.errCode === 0 || (isV2(ticket) && answer.errCode === 10000);
      if (!success) return { ok: false, failure: classifyWeChatCode(answer.errCode, request.attempt) };
      let payload: VerifyPayload | null = null;
      if (isV2(ticket)) payload = { platform: 'wechat', verify_id: ticket.verifyId, out_seq_no: ticket.outSeqNo };
      else if (answer.verifyResult) payload = { platform: 'wechat', verify_result: answer.verifyResult };
      return payload ? { ok: true, payload } : NO_CREDENTIAL;
    },
  };
  return Object.assign(native, port);
}

declare const wx: NativeApi | undefined;

function defaultNativeApi(): NativeApi | undefined {
  return typeof wx === 'object' && wx !== null ? wx : undefined;
}

/**
 * The WeChat device driver.
 * @param api the native API object. @default the `wx` global (Taro's `Taro` object works too)
 * @example
 * const driver = createWeChatDriver(); // or createWeChatDriver(Taro)
 */
export function createWeChatDriver(api: NativeApi | undefined = defaultNativeApi()): WeChatDriver {
  return withWeChatPort(wechatFaceApi(api), { name: 'wechat', mock: false });
}
