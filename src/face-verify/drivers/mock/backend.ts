/**
 * An in-memory stand-in for the app's backend, for previews with no server: function endpoints that judge
 * mock credentials the way `createVerifyHandler` judges real ones (identify_ret, freshness, replay).
 * It knows nothing of the mock driver's module: the entry's defaults join the two. For the real server
 * checks end to end, run the demo server (`npm run server`) instead.
 */
import {
  platformOfPayload,
  type PlatformName,
  type Ticket,
  type TicketRequest,
  type VerifyPayload,
  type VerifyVerdict,
} from '../../contract';
import { systemClock } from '../../core/clock';
import type { Clock } from '../../core/types';
import { decodeMockCredential } from './credential';

/**
 * A simulated platform's own fake server (a mock driver that needs one brings it, e.g. the mock Tencent
 * driver's fake Tencent Cloud): it issues the platform's tickets and judges its payloads.
 */
export interface MockPlatformServer {
  readonly platform: PlatformName;
  issue(request: TicketRequest): Ticket | Promise<Ticket>;
  verify(payload: VerifyPayload): VerifyVerdict | Promise<VerifyVerdict>;
}

/**
 * What the backend reads from the simulated device: the verify_ret WeChat recorded per v2 verifyId, or
 * Alipay's `passed` per certify id, or a platform's own fake server.
 */
export interface MockCaptureRecord {
  readonly v2Outcomes?: ReadonlyMap<string, number>;
  readonly alipayOutcomes?: ReadonlyMap<string, boolean>;
  readonly platformServer?: MockPlatformServer;
}

/** Options of {@link createMockBackend}. */
export interface MockBackendOptions {
  /** The mock driver (or any record of its captures) whose WeChat v2 or Alipay captures this backend judges. */
  driver?: MockCaptureRecord;
  /** Oldest identify_time accepted, in seconds. @default 600 */
  maxAgeSeconds?: number;
  /** Time for freshness checks and ticket ids; pass the flow's clock under fake timers. @default the global timers */
  clock?: Clock;
}

/** Function endpoints to pass as the flow's `endpoint` and `ticketEndpoint`. */
export interface MockBackend {
  endpoint(payload: VerifyPayload): Promise<VerifyVerdict>;
  ticketEndpoint(request: TicketRequest): Promise<Ticket>;
}

/**
 * An in-memory backend that judges mock credentials as `createVerifyHandler` judges real ones.
 * @example
 * const driver = createMockDriver({ scenario: 'face-mismatch' });
 * const backend = createMockBackend({ driver });
 * const flow = createFaceVerify({ driver, endpoint: backend.endpoint });
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const used = new Set<string>();
  const issued = new Set<string>();
  const maxAge = options.maxAgeSeconds ?? 600;
  const clock = options.clock ?? systemClock;
  let counter = 0;

  return {
    async ticketEndpoint({ protocol, platform }) {
      counter++;
      const id = `${clock.now().toString(36)}${counter}`;
      const server = options.driver?.platformServer;
      if (server && platform === server.platform) return server.issue({ protocol, platform });
      if (platform !== undefined && platform !== 'wechat' && platform !== 'alipay') {
        throw new Error(`The mock backend issues ${platform} tickets only for that platform's mock driver.`);
      }
      if (platform === 'alipay') {
        issued.add(`mock-certify-${id}`);
        return { certifyId: `mock-certify-${id}`, url: `https://mock.alipay.invalid/certify?ref=${id}`, expiresIn: 600 };
      }
      if (protocol === 'v2') {
        issued.add(`mock-verify-${id}`);
        return { verifyId: `mock-verify-${id}`, outSeqNo: `mock-seq-${id}`, expiresIn: 3600 };
      }
      issued.add(`mock-key-${id}`);
      return { userIdKey: `mock-key-${id}`, expiresIn: 3600 };
    },

    async endpoint(payload) {
      if ('certify_id' in payload) {
        const certifyId = payload.certify_id;
        if (!issued.has(certifyId)) return { ok: false, code: 'unknown_ticket', message: 'certify_id not issued here' };
        if (used.has(certifyId)) return { ok: false, code: 'replayed', message: 'certify_id already used' };
        used.add(certifyId);
        // Like Alipay's query: only `passed` T is a pass; a certify id never captured is not passed.
        const passed = options.driver?.alipayOutcomes?.get(certifyId);
        return passed === true ? { ok: true, passed: true, mock: true } : { ok: false, code: 'not_passed', message: 'passed is not T' };
      }
      const platform = platformOfPayload(payload);
      // A platform's own fake server judges its payloads (it refuses a replay itself).
      const server = options.driver?.platformServer;
      if (server && platform === server.platform) return server.verify(payload);
      if (platform !== 'wechat' && platform !== 'alipay') return { ok: false, code: 'unknown_ticket', message: 'not issued here' };
      if (!('verify_result' in payload) && !('verify_id' in payload))
        return { ok: false, code: 'unknown_ticket', message: 'not issued here' };
      const key = 'verify_result' in payload ? payload.verify_result : payload.verify_id;
      if (typeof key !== 'string' || used.has(key)) return { ok: false, code: 'replayed', message: 'credential already used' };
      if ('verify_id' in payload) {
        if (!issued.has(payload.verify_id)) return { ok: false, code: 84001, message: 'unknown verify_id' };
        const ret = options.driver?.v2Outcomes?.get(payload.verify_id);
        if (ret === undefined) return { ok: false, code: 10300, message: 'verification not completed' };
        used.add(key);
        return ret === 10000 ? { ok: true, verify_ret: ret, mock: true } : { ok: false, code: ret, message: 'verify_ret is not 10000' };
      }
      const claims = decodeMockCredential(payload.verify_result);
      if (!claims) return { ok: false, code: 84001, message: 'not a credential WeChat issued' };
      if (claims.userIdKey && !issued.has(claims.userIdKey)) return { ok: false, code: 10041, message: 'unknown user_id_key' };
      used.add(key);
      if (claims.ret !== 0) return { ok: false, code: claims.ret, message: 'identify_ret is not 0' };
      if (clock.now() / 1000 - claims.time > maxAge) return { ok: false, code: 'stale', message: 'identify_time too old' };
      return { ok: true, identify_time: claims.time, mock: true };
    },
  };
}
