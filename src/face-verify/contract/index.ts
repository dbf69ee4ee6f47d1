/**
 * The wire contract between the front end, the server handlers and the mocks. Imports nothing: both the
 * mini-program bundle and the Node server may load it.
 */
export { normalizeIdCardNumber } from './id-number';
export {
  IDEMPOTENCY_KEY_HEADER,
  PLATFORMS,
  platformOfPayload,
  type PlatformName,
  type TencentTicket,
  type TencentVerifyPayload,
  parseAlipayTicket,
  parseTencentTicket,
  parseV1Ticket,
  parseV2Ticket,
  type AlipayTicket,
  type AlipayVerifyPayload,
  type Ticket,
  type TicketRequest,
  type V1Ticket,
  type V1VerifyPayload,
  type V2Ticket,
  type V2VerifyPayload,
  type VerifyPayload,
  type WeChatVerifyPayload,
} from './payload';
export { isVerdictCode, parseVerdict, VERDICT_CODES, VERDICTS, type VerdictCode, type VerdictEntry, type VerifyVerdict } from './verdict';
