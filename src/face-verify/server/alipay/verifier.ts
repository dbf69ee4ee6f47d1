/**
 * Alipay's verifier: a `certify_id` counts only if this server issued it to this subject, once, within the age
 * limit (the shared ticketed check), and Alipay's signed query says `passed`.
 */
import type { AlipayVerifyPayload } from '../../contract';
import { HttpError } from '../http/errors';
import type { VerifierDeps, VerifyContext } from '../platform';
import type { Outcome } from '../replay-guard';
import { checkTicketed, type TicketedCheck } from '../ticketed-check';
import type { AlipayApi, AlipayCertifyResult } from './api';
import { isAlipayApiError, isAlipayTransportError } from './errors';

/** The Alipay call the verifier makes. */
export type AlipayVerifyApi = Pick<AlipayApi, 'query'>;

/** Creates Alipay's verifier over the app's Alipay client, or a 400 for a backend without one. */
export function createAlipayVerifier(alipay: AlipayVerifyApi | undefined, deps: VerifierDeps) {
  const { tickets } = deps;
  if (alipay && !tickets) {
    throw new TypeError("createVerifyHandler: alipay needs tickets (the ticket handler's .tickets): only certify ids issued here count");
  }
  const check: TicketedCheck<AlipayCertifyResult> | undefined = alipay && {
    platform: 'alipay',
    span: 'alipay.query',
    ask: (certifyId) => alipay.query(certifyId),
    // Alipay was never reached: the request failed before any answer could exist, so the ticket is not spent.
    notAsked: (error) => isAlipayTransportError(error) && (error.failure === 'network' || error.failure === 'timeout'),
    // Alipay says the certify id has expired: the user needs a fresh one (a retryable verdict, not an outage).
    refusal: (error) =>
      isAlipayApiError(error) && error.code === '40004' && error.subCode === 'CERTIFY_ID_EXPIRED'
        ? { problems: ['unknown_ticket'] }
        : undefined,
    judge: ({ passed }) => (passed ? undefined : { problems: ['not_passed'] }),
  };

  return ({ certify_id: certifyId }: AlipayVerifyPayload, context: VerifyContext): Promise<Outcome> => {
    if (!check || !tickets) throw new HttpError(400, 'alipay_not_configured', 'This backend does not verify Alipay certify ids.');
    return checkTicketed(check, { ...deps, tickets }, certifyId, context);
  };
}
