/** What the Alipay stand-in remembers: its keys, the scenario, the certify ids it issued (as digests of identity) and call counts. */
import { randomHex, sha256Hex } from '../../digest';
import type { RsaKeyPair } from './signing';

/**
 * - `passed`: query answers `passed: "T"` once the certification was gone through (its certify page opened, or
 *   the simulated capture reported a pass), `"F"` before that or when the capture reported a failure.
 * - `not-passed`: query answers `passed: "F"`.
 * - `expired`: query answers 40004 `CERTIFY_ID_EXPIRED`, and the certify page says the certification expired.
 * - `bad-signature`: every answer is signed with a key that is not the stand-in's published one.
 * - `gateway-error`: every method answers 20000 `isp.unknow-error` (Alipay's "service currently unavailable").
 * - `slow`: every answer waits `slowMs` first (for timeouts).
 * - `appended-node`: plays a tampering proxy on the app's egress path. Query answers are the signed answer
 *   (`passed` as in `passed`) followed, after `sign`, by a second, unsigned `…_response` node saying `passed: "T"`.
 *   A client that verifies the first node and reads the last (`JSON.parse` keeps the last duplicate) is fooled.
 */
export type MockAlipayGatewayScenario = 'passed' | 'not-passed' | 'expired' | 'bad-signature' | 'gateway-error' | 'slow' | 'appended-node';

/** Every scenario the Alipay stand-in can play. */
export const MOCK_ALIPAY_GATEWAY_SCENARIOS: readonly MockAlipayGatewayScenario[] = [
  'passed',
  'not-passed',
  'expired',
  'bad-signature',
  'gateway-error',
  'slow',
  'appended-node',
];

/**
 * Every scenario the Alipay stand-in can play, under its earlier name.
 * @deprecated Use `MOCK_ALIPAY_GATEWAY_SCENARIOS`. (`MOCK_ALIPAY_SCENARIOS` of `taro-face-verify/mock` names
 * something else: the preview's simulated Alipay clients.)
 */
export const MOCK_ALIPAY_SCENARIOS = MOCK_ALIPAY_GATEWAY_SCENARIOS;
/**
 * A scenario of the Alipay stand-in, under its earlier name.
 * @deprecated Use `MockAlipayGatewayScenario` (`MockAlipayScenario` of `taro-face-verify/mock` is a simulated client).
 */
export type MockAlipayScenario = MockAlipayGatewayScenario;

/** The stand-in's app id (not a secret): use it as alipay-sdk's `appId`. */
export const MOCK_ALIPAY_APP_ID = '2021000000000000';

/** Options of the Alipay stand-in. */
export interface MockAlipayOptions {
  /** @default 'passed' */
  scenario?: MockAlipayGatewayScenario;
  /** The only app id it serves. @default MOCK_ALIPAY_APP_ID */
  appId?: string;
  /**
   * The app's public key (PEM, SPKI), which every request's signature must verify with. When omitted, the
   * stand-in makes an app key pair itself and hands out its private key as `appPrivateKey`.
   */
  appPublicKey?: string;
  /** How long a certify id lives (Alipay's own lifetime is not documented). @default 1800 */
  certifyTtlSeconds?: number;
  /** Answer `passed` as `["T"]` / `["F"]`, a shape Alipay has been seen to send. @default 'string' */
  passedShape?: 'string' | 'array';
  /** `slow`: the delay of every answer. @default 10000 */
  slowMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export interface CertifyRecord {
  outerOrderNo: string;
  bizCode: string;
  /** SHA-256 of cert_type, cert_name and cert_no: the stand-in keeps no identity in clear. */
  identityDigest: string;
  expiresAt: number;
  /** How the simulated capture ended, when the preview reported it. */
  capturePassed?: boolean;
  pageOpened: boolean;
}

export interface MockAlipaySettings {
  scenario: MockAlipayGatewayScenario;
  appId: string;
  appPublicKey: string;
  certifyTtlSeconds: number;
  passedShape: 'string' | 'array';
  slowMs: number;
  now: () => number;
  /** The stand-in's own key pair: answers are signed with its private key. */
  alipayKeys: RsaKeyPair;
  /** Another key pair, for `bad-signature`. */
  wrongKeys: RsaKeyPair;
}

export const identityDigestOf = (certType: string, certName: string, certNo: string): string =>
  sha256Hex(JSON.stringify([certType, certName, certNo]));

export class MockAlipayRegistry {
  scenario: MockAlipayGatewayScenario;
  /** Calls received per method name (`initialize`, `certify`, `query`) plus `refused` for bad requests. */
  readonly calls: Record<string, number> = {};
  readonly certifications = new Map<string, CertifyRecord>();
  private readonly outerOrderNos = new Set<string>();

  constructor(readonly settings: MockAlipaySettings) {
    this.scenario = settings.scenario;
  }

  count(name: string): void {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  /** A new certify id, or null when `outerOrderNo` was used before (it must be unique per merchant). */
  issue(fields: { outerOrderNo: string; bizCode: string; identityDigest: string }): string | null {
    if (this.outerOrderNos.has(fields.outerOrderNo)) return null;
    this.outerOrderNos.add(fields.outerOrderNo);
    const certifyId = randomHex(16);
    this.certifications.set(certifyId, {
      ...fields,
      expiresAt: this.settings.now() + this.settings.certifyTtlSeconds * 1000,
      pageOpened: false,
    });
    return certifyId;
  }

  /** The record, with whether it is past its lifetime (or the scenario says so). */
  lookup(certifyId: string): { record: CertifyRecord; expired: boolean } | undefined {
    const record = this.certifications.get(certifyId);
    if (record === undefined) return undefined;
    return { record, expired: this.scenario === 'expired' || record.expiresAt <= this.settings.now() };
  }

  /** The simulated phone's report of how the capture ended; false when the certify id is unknown. */
  reportCapture(certifyId: string, passed: boolean): boolean {
    const record = this.certifications.get(certifyId);
    if (record === undefined) return false;
    record.capturePassed = passed;
    return true;
  }

  /**
   * `passed` as query reports it now: never for a certification nobody went through (neither its certify page
   * opened nor a capture reported), else the reported capture, else the scenario.
   */
  passedFor(record: CertifyRecord): boolean {
    return this.scenario !== 'not-passed' && (record.capturePassed ?? record.pageOpened);
  }

  /** The key answers are signed with: the stand-in's own, or a wrong one in `bad-signature`. */
  get signingKey(): string {
    return (this.scenario === 'bad-signature' ? this.settings.wrongKeys : this.settings.alipayKeys).privateKey;
  }
}
