/**
 * Tencent Cloud FaceID's verifier: a `biz_token` counts only if this server issued it to this subject, once,
 * within the age limit (the shared ticketed check), and `GetDetectInfoEnhanced` reports a pass (ErrCode 0,
 * similarity ≥ 70) for the very person the token was issued for (compared as keyed digests).
 */
import type { TencentVerifyPayload } from '../../contract';
import { constantTimeEqual, md5Hex } from '../digest';
import { HttpError } from '../http/errors';
import type { VerifierDeps, VerifyContext } from '../platform';
import type { Outcome } from '../replay-guard';
import { idCardMac, nameMac } from '../subject';
import { checkTicketed, type TicketedCheck } from '../ticketed-check';
import type { TencentFaceIdApi } from './api';
import { judgeDetectInfo, type TencentDetectInfo } from './detect-info';
import { isTencentTransportError } from './errors';

/** The Tencent call the verifier makes. */
export type TencentVerifyApi = Pick<TencentFaceIdApi, 'getDetectInfo'>;

/** Creates Tencent's verifier over the app's FaceID client, or a 400 for a backend without one. */
export function createTencentVerifier(tencent: TencentVerifyApi | undefined, deps: VerifierDeps) {
  const { tickets } = deps;
  if (tencent && !tickets) {
    throw new TypeError("createVerifyHandler: tencent needs tickets (the ticket handler's .tickets): only BizTokens issued here count");
  }
  const check: TicketedCheck<TencentDetectInfo> | undefined = tencent && {
    platform: 'tencent',
    span: 'tencent.getdetectinfo',
    ask: (bizToken) => tencent.getDetectInfo(bizToken),
    // No connection was made: Tencent cannot have judged the token, so the user keeps it for a retry.
    notAsked: (error) => isTencentTransportError(error) && !error.mayHaveReachedTencent,
    judge(info, ticket, key) {
      const judgement = judgeDetectInfo(info, {
        nameMatches: (name) => constantTimeEqual(nameMac(key, md5Hex(name)), ticket.subject.n ?? ''),
        idCardMatches: (idCard) => constantTimeEqual(idCardMac(key, md5Hex(idCard)), ticket.subject.i ?? ''),
      });
      if (judgement.passed) return undefined;
      const { problems, ret } = judgement;
      return { problems, ...(ret === undefined ? {} : { ret }) };
    },
  };

  return ({ biz_token: bizToken }: TencentVerifyPayload, context: VerifyContext): Promise<Outcome> => {
    if (!check || !tickets)
      throw new HttpError(400, 'tencent_not_configured', 'This backend does not verify Tencent Cloud FaceID results.');
    return checkTicketed(check, { ...deps, tickets }, bizToken, context);
  };
}
