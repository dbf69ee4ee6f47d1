/**
 * What the front end sends to the app's backend and what the ticket endpoint answers: the wire shapes,
 * written once for the flow, the server handlers and the mocks.
 */
import { isRecord, nonEmpty } from './shape';

/** The platforms the kit verifies with: the `platform` tag of every payload and ticket request. */
export const PLATFORMS = ['wechat', 'alipay', 'tencent'] as const;
/** One of {@link PLATFORMS}. */
export type PlatformName = (typeof PLATFORMS)[number];

/** WeChat v1: the `verifyResult` that `wx.startFacialRecognitionVerify` returned. */
export type V1VerifyPayload = { platform?: 'wechat'; verify_result: string };
/** WeChat v2: the ticket's `verifyId` and `outSeqNo` after `wx.requestFacialVerify` succeeded. */
export type V2VerifyPayload = { platform?: 'wechat'; verify_id: string; out_seq_no: string };
/** Alipay: the ticket's `certifyId` after `my.startAPVerify`. */
export type AlipayVerifyPayload = { platform?: 'alipay'; certify_id: string };
/** Tencent Cloud FaceID (H5): the ticket's `BizToken`, back from Tencent's verification page. */
export type TencentVerifyPayload = { platform: 'tencent'; biz_token: string };
/** The payloads of WeChat's face APIs. */
export type WeChatVerifyPayload = V1VerifyPayload | V2VerifyPayload;
/**
 * What the flow POSTs to `endpoint`: one credential, built by the platform's driver and tagged with its
 * `platform` (payloads without the tag, as older front ends send them, are read by their shape).
 */
export type VerifyPayload = WeChatVerifyPayload | AlipayVerifyPayload | TencentVerifyPayload;

/** The platform a payload belongs to: its tag, or (untagged, from older front ends) its shape. */
export function platformOfPayload(payload: VerifyPayload): PlatformName {
  if (payload.platform !== undefined) return payload.platform;
  return 'certify_id' in payload ? 'alipay' : 'wechat';
}

/** A WeChat v1 ticket: the userIdKey the backend got from WeChat's getuseridkey for the logged-in user. */
export type V1Ticket = { userIdKey: string; expiresIn?: number };
/** A WeChat v2 ticket: the verifyId (and its out_seq_no) the backend got from WeChat's getverifyid. */
export type V2Ticket = { verifyId: string; outSeqNo: string; expiresIn?: number };
/** An Alipay ticket: the certifyId from `initialize` and the signed certify URL. */
export type AlipayTicket = { certifyId: string; url: string; expiresIn?: number };
/** A Tencent Cloud FaceID ticket: the BizToken from `DetectAuth` and the verification page's URL. */
export type TencentTicket = { bizToken: string; url: string; expiresIn?: number };
/** What a ticket endpoint returns. */
export type Ticket = V1Ticket | V2Ticket | AlipayTicket | TencentTicket;

/**
 * The body the flow POSTs to `ticketEndpoint`: WeChat's `protocol`, or another platform's name, and the
 * typed identity where the platform's ticket carries it (WeChat v2, Alipay).
 */
export interface TicketRequest {
  protocol?: 'v1' | 'v2';
  platform?: PlatformName;
  name?: string;
  idCardNumber?: string;
}

/** The header that lets a retried submission get the verdict of its own first post (see the server README). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const lifetime = (raw: Record<string, unknown>) =>
  typeof raw.expiresIn === 'number' && raw.expiresIn > 0 ? { expiresIn: raw.expiresIn } : {};

/** A v1 ticket answer, or null when the shape is wrong. */
export function parseV1Ticket(raw: unknown): V1Ticket | null {
  return isRecord(raw) && nonEmpty(raw.userIdKey) ? { userIdKey: raw.userIdKey, ...lifetime(raw) } : null;
}

/** A v2 ticket answer, or null when the shape is wrong. */
export function parseV2Ticket(raw: unknown): V2Ticket | null {
  return isRecord(raw) && nonEmpty(raw.verifyId) && nonEmpty(raw.outSeqNo)
    ? { verifyId: raw.verifyId, outSeqNo: raw.outSeqNo, ...lifetime(raw) }
    : null;
}

/** An Alipay ticket answer, or null when the shape is wrong. */
export function parseAlipayTicket(raw: unknown): AlipayTicket | null {
  return isRecord(raw) && nonEmpty(raw.certifyId) && nonEmpty(raw.url)
    ? { certifyId: raw.certifyId, url: raw.url, ...lifetime(raw) }
    : null;
}

/** A Tencent Cloud FaceID ticket answer, or null when the shape is wrong. */
export function parseTencentTicket(raw: unknown): TencentTicket | null {
  return isRecord(raw) && nonEmpty(raw.bizToken) && nonEmpty(raw.url) ? { bizToken: raw.bizToken, url: raw.url, ...lifetime(raw) } : null;
}
