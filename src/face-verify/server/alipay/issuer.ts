/**
 * Alipay's ticket issuer: `initialize` for whom the session (or, where allowed, the phone) says, then the signed
 * certify URL `my.startAPVerify` opens. The certify id is kept bound to its subject.
 */
import { HttpError } from '../http/errors';
import type { IssueContext } from '../platform';
import { ticketSeconds, typedIdentityOf } from '../ticket-request';
import { traced } from '../telemetry';
import type { AlipayApi, AlipayBizCode } from './api';

/** The Alipay calls the issuer makes. */
export type AlipayTicketApi = Pick<AlipayApi, 'initialize' | 'certifyUrl'>;

/** Creates Alipay's issuer. */
export function createAlipayIssuer(alipay: AlipayTicketApi | undefined, settings: { bizCode?: AlipayBizCode; seconds?: number }) {
  const seconds = ticketSeconds('alipayTicketSeconds', settings.seconds, 600);
  return async (body: Record<string, unknown>, context: IssueContext): Promise<Record<string, unknown>> => {
    const typed = typedIdentityOf(body);
    if (!alipay) throw new HttpError(400, 'alipay_not_configured', 'This backend does not issue Alipay certify ids.');
    const { identity, subject } = await context.whoAsks(typed);
    // 32 letters and digits, as outer_order_no allows: 'tfa' and 29 random hex digits, unique per request.
    const { certifyId, outerOrderNo } = await traced('alipay.initialize', {}, () =>
      alipay.initialize({
        name: identity.name,
        idCardNumber: identity.idCardNumber,
        outerOrderNo: context.orderNumber('tfa'),
        bizCode: settings.bizCode ?? 'FACE',
      }),
    );
    const url = alipay.certifyUrl(certifyId);
    await context.keep('alipay', certifyId, subject, { outSeqNo: outerOrderNo, seconds });
    return { certifyId, url, expiresIn: seconds };
  };
}
