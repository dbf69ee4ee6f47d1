/** Reading push bodies and messages, whose format (XML or JSON) is told by the text itself. */
import { parseFlatXml } from './flat-xml';
import { isRecord } from '../../http/io';

/** A push message: its fields as sent (XML values are strings; JSON keeps its types). */
export type PushMessage = Record<string, unknown>;

/** The `face_identify` event WeChat pushes after a v1 capture started with an `out_seq_no`. */
export interface FaceIdentifyEvent {
  ToUserName: string;
  FromUserName: string;
  /** Unix seconds. */
  CreateTime: number;
  MsgType: 'event';
  Event: 'face_identify';
  openid: string;
  out_seq_no: string;
  /** The credential to check with `getVerifyInfo` + `checkVerifyInfo`, exactly as one posted by the front end. */
  verify_result: string;
}

/** An XML or JSON message as an object, or null when it is neither. */
export function parsePushMessage(text: string): PushMessage | null {
  const start = text.replace(/^[\uFEFF\s]+/, '')[0];
  if (start === '<') return parseFlatXml(text);
  if (start !== '{') return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export function asFaceIdentifyEvent(message: PushMessage): FaceIdentifyEvent | null {
  if (text(message.MsgType) !== 'event' || text(message.Event) !== 'face_identify') return null;
  return {
    ToUserName: text(message.ToUserName),
    FromUserName: text(message.FromUserName),
    CreateTime: Number(text(message.CreateTime)) || 0,
    MsgType: 'event',
    Event: 'face_identify',
    openid: text(message.openid),
    out_seq_no: text(message.out_seq_no),
    verify_result: text(message.verify_result),
  };
}

/**
 * The key WeChat's retries share: `out_seq_no` with `verify_result`, else FromUserName + CreateTime; null
 * when neither is there. `out_seq_no` alone is not enough: it belongs to the userIdKey, which the front end
 * reuses for a second capture after a failed one, and that capture's push must not be taken for a retry.
 */
export function deliveryKey(message: PushMessage): string | null {
  const outSeqNo = text(message.out_seq_no);
  if (outSeqNo !== '') return `seq:${JSON.stringify([outSeqNo, text(message.verify_result)])}`;
  const from = text(message.FromUserName);
  const created = text(message.CreateTime);
  return from !== '' && created !== '' ? `from:${from}:${created}` : null;
}
