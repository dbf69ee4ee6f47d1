/**
 * WeChat's verifier: v1 (`verify_result`, asked with getinfo) and v2 (`verify_id` + `out_seq_no`, asked with
 * queryverifyinfo). The credential and the capture it reports are each accepted once; a ticket issued here is
 * used only by its subject, once.
 */
import type { V1VerifyPayload, V2VerifyPayload, WeChatVerifyPayload } from '../../contract';
import { constantTimeEqual, sha256Hex } from '../digest';
import { HttpError } from '../http/errors';
import { macHex, unseal } from '../keyring';
import type { Outcome } from '../replay-guard';
import { ticketKey } from '../stores';
import { idCardMac, nameMac, ownedBy, type SubjectMacs } from '../subject';
import type { VerifierDeps, VerifyContext } from '../platform';
import { traced } from '../telemetry';
import { putTicketBack, readOwnedTicket, takeOwnedTicket } from '../ticket-checks';
import { rejectionResponse, type Rejection, type RejectionCode } from '../verdict';
import type { VerifyIdInfo, VerifyInfo, WeChatApi } from './api';
import { checkVerifyIdInfo, checkVerifyInfoDigests, digestExpectations } from './check-verify-info';
import { isWeChatApiError } from './errors';

/** The WeChat calls the verifier makes. */
export type WeChatVerifyApi = Pick<WeChatApi, 'getVerifyInfo' | 'queryVerifyInfo'>;

/** WeChat's face API codes for a credential it refuses (84001 forged/unknown, 84002 expired, 84003 not found, …). */
const isCredentialErrcode = (errcode: number) => errcode >= 84000 && errcode < 85000;

const reject = (rejection: Rejection): Outcome => ({ accepted: false, response: rejectionResponse(rejection) });
const accept = (fields: Record<string, unknown>): Outcome => ({ accepted: true, fields });

/** The replay key of the capture a v1 answer reports (one user cannot finish two captures in one second). */
function captureKeyV1(info: VerifyInfo): string {
  const fields = ['openid', 'user_id_key', 'identify_time', 'finish_time', 'name_utf8_md5', 'id_card_number_md5', 'validate_data'];
  return `tfv:replay:${sha256Hex(`v1-capture:${JSON.stringify(fields.map((field) => info[field] ?? null))}`)}`;
}

/** WeChat's answer, or the rejection when WeChat refuses the credential itself (84001 forged, 84002 expired, …). */
async function askWeChat<T>(question: () => Promise<T>): Promise<{ info: T } | Outcome> {
  try {
    return { info: await question() };
  } catch (error) {
    if (isWeChatApiError(error) && isCredentialErrcode(error.errcode)) {
      return reject({ problems: ['credential_rejected'], errcode: error.errcode });
    }
    throw error;
  }
}

/** Whom WeChat's v1 answer says verified, as the parts of `ticket` it can be compared on (never the user id). */
function reportedFits(key: Buffer, info: VerifyInfo, ticket: SubjectMacs): boolean {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const [name, idCard, openid] = [text(info.name_utf8_md5), text(info.id_card_number_md5), text(info.openid)];
  const reported: SubjectMacs = {
    ...(name === undefined ? {} : { n: nameMac(key, name) }),
    ...(idCard === undefined ? {} : { i: idCardMac(key, idCard) }),
    ...(openid === undefined ? {} : { o: macHex(key, 'openid', openid) }),
  };
  const { u: _userId, ...compared } = ticket;
  return ownedBy(reported, compared);
}

/** What queryverifyinfo needs: from the requester's own ticket, or (unticketed) from `expect`. */
type V2Query = { certHash: string; openid: string } | { name: string; idCardNumber: string; openid: string };

/** Creates WeChat's verifier (v1 and v2) over the app's WeChat client, or a 400 for a backend without one. */
export function createWeChatVerifier(api: WeChatVerifyApi | undefined, deps: VerifierDeps) {
  const { tickets, allowUnticketed, guard, key: trustKey, now } = deps;
  const wechat = (): WeChatVerifyApi => {
    if (api) return api;
    throw new HttpError(400, 'wechat_not_configured', 'This backend does not verify WeChat results.');
  };

  async function verifyV1({ verify_result: verifyResult }: V1VerifyPayload, context: VerifyContext): Promise<Outcome> {
    const { subject, idempotencyKey, identity, maxAgeSeconds, fingerprint } = context;
    const expected = digestExpectations({ ...identity, maxAgeSeconds, now: now() });
    return guard(`tfv:replay:${sha256Hex(`v1:${verifyResult}`)}`, idempotencyKey, fingerprint, async () => {
      const answer = await askWeChat(() => traced('wechat.getinfo', {}, () => wechat().getVerifyInfo(verifyResult)));
      if (!('info' in answer)) return answer;
      const { info } = answer;
      const userIdKey = typeof info.user_id_key === 'string' ? info.user_id_key : '';
      const key = userIdKey === '' ? undefined : ticketKey('v1', userIdKey);
      // A capture made without a ticket is bound to no issued user: with tickets, refuse it unless allowed.
      if (tickets && key === undefined && !allowUnticketed) return reject({ problems: ['ticket_required'] });
      // The capture itself is accepted once too: WeChat may decode a credential spelt another way (spaces,
      // line breaks) to the same capture, which the claim on the posted string alone would let through again.
      // Its recorded verdict is looked at before the ticket, so a retry finds what was accepted even if the
      // ticket is gone.
      return guard(captureKeyV1(info), idempotencyKey, fingerprint, async () => {
        // Someone else's ticket answers one code whatever differs, before any comparison that could tell more.
        const ticket = tickets && key ? await readOwnedTicket(tickets, key, 'v1', subject.macs) : undefined;
        if (tickets && key && (!ticket || !reportedFits(await trustKey(), info, ticket.subject))) {
          return reject({ problems: ['unknown_ticket'] });
        }
        const problems: RejectionCode[] = [...checkVerifyInfoDigests(info, expected).problems];
        if (problems.length > 0) return reject({ problems, ret: info.identify_ret });
        // The ticket is consumed here, atomically: of two captures on one ticket only one is accepted.
        const taken = tickets && key ? await takeOwnedTicket(tickets, key, 'v1', subject.macs, now()) : undefined;
        if (tickets && key && !taken) return reject({ problems: ['unknown_ticket'] });
        const restore = tickets && key && taken ? () => putTicketBack(tickets, key, taken, now()) : undefined;
        return { ...accept({ protocol: 'v1', identify_time: info.identify_time }), ...(restore ? { restore } : {}) };
      });
    });
  }

  async function verifyV2(payload: V2VerifyPayload, context: VerifyContext): Promise<Outcome> {
    const { subject, idempotencyKey, identity, fingerprint } = context;
    const { verify_id: verifyId, out_seq_no: outSeqNo } = payload;
    return guard(`tfv:replay:${sha256Hex(`v2:${verifyId}`)}`, idempotencyKey, fingerprint, async () => {
      const key = ticketKey('v2', verifyId);
      const owned = tickets ? await readOwnedTicket(tickets, key, 'v2', subject.macs) : undefined;
      let query: V2Query;
      let putBack = async () => undefined as void;
      if (owned && tickets) {
        if (!constantTimeEqual(outSeqNo, owned.outSeqNo)) return reject({ problems: ['out_seq_no_mismatch'] });
        // Taken atomically: of two concurrent posts of one verifyId (even on two instances), one gets it.
        const ticket = await takeOwnedTicket(tickets, key, 'v2', subject.macs, now());
        const opened = ticket?.sealed === undefined ? undefined : unseal(await trustKey(), ticket.sealed);
        const sealed = opened === undefined ? undefined : (JSON.parse(opened) as { certHash?: unknown; openid?: unknown });
        if (!ticket || typeof sealed?.certHash !== 'string' || typeof sealed.openid !== 'string')
          return reject({ problems: ['unknown_ticket'] });
        query = { certHash: sealed.certHash, openid: sealed.openid };
        // A ticket goes back only when WeChat was not asked: a post that fails before (or a WeChat outage) must
        // not burn the user's verifyId; once WeChat has judged it, it is spent (WeChat's verifyId is single use).
        putBack = () => putTicketBack(tickets, key, ticket, now());
      } else if (tickets && !allowUnticketed) {
        // Not issued here, expired, or issued to someone else: one answer for all three.
        return reject({ problems: ['unknown_ticket'] });
      } else if (identity.name !== undefined && identity.idCardNumber !== undefined && identity.openid !== undefined) {
        query = { name: identity.name, idCardNumber: identity.idCardNumber, openid: identity.openid };
      } else {
        return reject({ problems: [tickets ? 'unknown_ticket' : 'identity_unknown'] });
      }
      let answer: { info: VerifyIdInfo } | Outcome;
      try {
        answer = await askWeChat(() =>
          traced('wechat.queryverifyinfo', {}, () => wechat().queryVerifyInfo({ verifyId, outSeqNo, ...query })),
        );
      } catch (error) {
        await putBack();
        throw error;
      }
      if (!('info' in answer)) return answer;
      const { problems } = checkVerifyIdInfo(answer.info);
      if (problems.length > 0) return reject({ problems, ret: answer.info.verify_ret });
      // Unrecorded (a store that failed to settle), the ticket goes back: the retry may ask again.
      return {
        ...accept({ protocol: 'v2', verify_ret: answer.info.verify_ret, identify_time: Math.floor(now() / 1000) }),
        restore: putBack,
      };
    });
  }

  return (payload: WeChatVerifyPayload, context: VerifyContext): Promise<Outcome> =>
    'verify_result' in payload ? verifyV1(payload, context) : verifyV2(payload, context);
}
