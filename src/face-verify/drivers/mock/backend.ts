/**
 * An in-memory stand-in for the app's backend, for previews with no server: function endpoints that judge
 * mock credentials the way `createVerifyHandler` judges real ones (identify_ret, freshness, replay).
 * For the real server checks end to end, run the demo server (`npm run server`) instead.
 */
import type { Protocol, Ticket, VerifyPayload, VerifyVerdict } from '../../core/types';
import { decodeMockCredential } from './credential';
import type { MockDriver } from './driver';

/** Options of {@link createMockBackend}. */
export interface MockBackendOptions {
  /** The mock driver whose v2 captures this backend judges. */
  driver?: MockDriver;
  /** Oldest identify_time accepted, in seconds. @default 600 */
  maxAgeSeconds?: number;
}

/** Function endpoints to pass as the flow's `endpoint` and `ticketEndpoint`. */
export interface MockBackend {
  endpoint(payload: VerifyPayload): Promise<VerifyVerdict>;
  ticketEndpoint(request: { protocol: Protocol }): Promise<Ticket>;
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
  let counter = 0;

  return {
    async ticketEndpoint({ protocol }) {
      counter++;
      const id = `${Date.now().toString(36)}${counter}`;
      if (protocol === 'v2') {
        issued.add(`mock-verify-${id}`);
        return { verifyId: `mock-verify-${id}`, outSeqNo: `mock-seq-${id}`, expiresIn: 3600 };
      }
      issued.add(`mock-key-${id}`);
      return { userIdKey: `mock-key-${id}`, expiresIn: 3600 };
    },

    async endpoint(payload) {
      const key = 'verify_result' in payload ? payload.verify_result : payload.verify_id;
      if (typeof key !== 'string' || used.has(key)) return { ok: false, code: 'replayed', message: 'credential already used' };
      if ('verify_id' in payload) {
        if (!issued.has(payload.verify_id)) return { ok: false, code: 84001, message: 'unknown verify_id' };
        const ret = options.driver?.v2Outcomes.get(payload.verify_id);
        if (ret === undefined) return { ok: false, code: 10300, message: 'verification not completed' };
        used.add(key);
        return ret === 10000 ? { ok: true, verify_ret: ret, mock: true } : { ok: false, code: ret, message: 'verify_ret is not 10000' };
      }
      const claims = decodeMockCredential(payload.verify_result);
      if (!claims) return { ok: false, code: 84001, message: 'not a credential WeChat issued' };
      if (claims.userIdKey && !issued.has(claims.userIdKey)) return { ok: false, code: 10041, message: 'unknown user_id_key' };
      used.add(key);
      if (claims.ret !== 0) return { ok: false, code: claims.ret, message: 'identify_ret is not 0' };
      if (Date.now() / 1000 - claims.time > maxAge) return { ok: false, code: 'stale', message: 'identify_time too old' };
      return { ok: true, identify_time: claims.time, mock: true };
    },
  };
}
