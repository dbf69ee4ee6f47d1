/**
 * Tencent Cloud FaceID's ticket issuer: `DetectAuth` for whom the session (or, where allowed, the phone) says;
 * the BizToken is kept bound to its subject, and the browser is sent to Tencent's page.
 */
import { ticketSeconds, typedIdentityOf } from '../ticket-request';
import { HttpError } from '../http/errors';
import type { IssueContext } from '../platform';
import { traced } from '../telemetry';
import type { TencentFaceIdApi } from './api';

/** The Tencent call the issuer makes. */
export type TencentTicketApi = Pick<TencentFaceIdApi, 'detectAuth'>;

/** A BizToken is valid for 7,200 s (and for one verification). */
export const TENCENT_TOKEN_SECONDS = 7200;

/** Creates Tencent's issuer. */
export function createTencentIssuer(tencent: TencentTicketApi | undefined, settings: { seconds?: number | undefined }) {
  const seconds = ticketSeconds('tencentTicketSeconds', settings.seconds, 1800, TENCENT_TOKEN_SECONDS);
  return async (body: Record<string, unknown>, context: IssueContext): Promise<Record<string, unknown>> => {
    const typed = typedIdentityOf(body);
    if (!tencent) throw new HttpError(400, 'tencent_not_configured', 'This backend does not issue Tencent Cloud FaceID tokens.');
    const { identity, subject } = await context.whoAsks(typed);
    const { bizToken, url } = await traced('tencent.detectauth', {}, () =>
      tencent.detectAuth({ name: identity.name, idCardNumber: identity.idCardNumber }),
    );
    await context.keep('tencent', bizToken, subject, { outSeqNo: '', seconds });
    return { bizToken, url, expiresIn: seconds };
  };
}
