/** Shared by the Tencent FaceID tests: the real SDK pointed at the stand-in, and raw signed requests. */
import { faceid } from 'tencentcloud-sdk-nodejs';
import { tc3Authorization, type MockTencentFaceIdServer } from '../../src/face-verify/server/tencent/mock';
import type { TencentFaceIdClientLike } from '../../src/face-verify/server/tencent';

/** A person (a Chinese name; an ID number ending in a lower-case x, which DetectAuth must send upper-cased). */
export const PERSON = { name: '张三', idCardNumber: '11010519491231002x' } as const;
export const PERSON_ID_NORMALISED = '11010519491231002X';

/** Where the stand-in's page sends the user back: a hash-routed Taro H5 page. */
export const REDIRECT_URL = 'http://127.0.0.1:10086/#/pages/face-verify/index?from=test';

/** The real SDK's faceid client, pointed at the stand-in (typed by the kit's structural interface). */
export function sdkClient(
  mock: Pick<MockTencentFaceIdServer, 'endpoint' | 'secretId' | 'secretKey'>,
  credential: { secretId?: string; secretKey?: string } = {},
): TencentFaceIdClientLike {
  return new faceid.v20180301.Client({
    credential: { secretId: credential.secretId ?? mock.secretId, secretKey: credential.secretKey ?? mock.secretKey },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: mock.endpoint, protocol: 'http://', reqTimeout: 5 } },
  });
}

export interface RawCall {
  action?: string;
  body?: unknown;
  /** The body actually sent, when it differs from the signed one (tampering). */
  sentBody?: string;
  /** Seconds to add to the current time for X-TC-Timestamp (read when the request is made). */
  timestampOffset?: number;
  service?: string;
  secretId?: string;
  secretKey?: string;
  version?: string;
  /** Headers to drop before sending. */
  without?: string[];
}

/** A request signed the way Tencent documents it (the host signed with its port), sent with fetch. */
export async function rawCall(mock: MockTencentFaceIdServer, call: RawCall = {}): Promise<Record<string, unknown>> {
  const payload = JSON.stringify(call.body ?? { RuleId: mock.ruleId, IdCard: '11010519491231002X', Name: '张三' });
  const timestamp = Math.floor(Date.now() / 1000) + (call.timestampOffset ?? 0);
  const host = mock.endpoint;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-tc-action': call.action ?? 'DetectAuth',
    'x-tc-timestamp': String(timestamp),
    'x-tc-version': call.version ?? '2018-03-01',
    authorization: tc3Authorization(
      { method: 'POST', headers: { 'content-type': 'application/json', host }, payload, timestamp, service: call.service ?? 'faceid' },
      call.secretId ?? mock.secretId,
      call.secretKey ?? mock.secretKey,
    ),
  };
  for (const name of call.without ?? []) delete headers[name];
  const response = await fetch(`${mock.origin}/`, { method: 'POST', headers, body: call.sentBody ?? payload });
  expect(response.status).toBe(200);
  return ((await response.json()) as { Response: Record<string, unknown> }).Response;
}

/** The `Error.Code` of a raw answer, or undefined for a success. */
export const errorCodeOf = (answer: Record<string, unknown>): unknown => (answer.Error as { Code?: unknown } | undefined)?.Code;
