/**
 * One platform on the server: how its ticket is issued and how its result is verified, behind the two small
 * interfaces the handlers dispatch to. The trust rules (the subject, tickets taken once by their owner, limits,
 * the replay guard) live above them, in the handlers and their helpers; a platform folder (server/wechat/,
 * server/alipay/, server/tencent/) only asks its platform and says what the answer means.
 */
import type { PlatformName, VerifyPayload } from '../contract';
import type { AuditContext } from './audit';
import type { Outcome } from './replay-guard';
import type { TicketKind, TicketStore } from './stores';
import type { Subject } from './subject';

/** Who the logged-in user is. `openid` is required for WeChat v2. */
export interface TicketIdentity {
  name: string;
  idCardNumber: string;
  openid?: string;
  /** Your stable id of the user (session user id): binds the ticket, limits and remembered verdicts to the account. */
  userId?: string;
}

/** Whom the user should be; each absent field is not checked. `null` answers 401. */
export interface VerifyExpectation {
  /** Your stable id of the user (session user id), as the ticket handler's `identity()` gave it. */
  userId?: string;
  name?: string;
  idCardNumber?: string;
  openid?: string;
  userIdKey?: string;
  /** Overrides the handler's `maxAgeSeconds` for this request. */
  maxAgeSeconds?: number;
}

/** A name and ID number typed on the phone, sent with a ticket request (where the handler allows it). */
export interface TypedIdentity {
  name: string;
  idCardNumber: string;
}

/** What an issuer gets from the ticket handler: the requester (limits counted), and where issued tickets go. */
export interface IssueContext {
  audit: AuditContext;
  /** The session's identity (401 without one; `typed` replaces name and ID number where allowed), limits counted. */
  whoAsks(typed?: TypedIdentity): Promise<{ identity: TicketIdentity; subject: Subject }>;
  /** Keeps what was issued, bound to its subject; `sealed` is encrypted with the key. */
  keep(kind: TicketKind, id: string, subject: Subject, fields: { outSeqNo: string; seconds: number; sealed?: object }): Promise<void>;
  /** A fresh order number: 'tf' + a letter + 29 random hex digits (32 letters and digits). */
  orderNumber(prefix: string): string;
}

/** A platform's ticket issuer: reads its own fields of the request body and answers the ticket's JSON. */
export type Issuer = (body: Record<string, unknown>, context: IssueContext) => Promise<Record<string, unknown>>;

/** What a verifier gets from the verify handler, per request. */
export interface VerifyContext {
  /** What `expect` returned, with the age limit resolved. */
  identity: VerifyExpectation;
  maxAgeSeconds: number;
  /** The requester, as keyed digests: only the subject a ticket was issued to may use it. */
  subject: Subject;
  /** The requester's fingerprint, for remembered verdicts. */
  fingerprint: string | undefined;
  idempotencyKey: string | undefined;
}

/** What a verifier gets from the verify handler once: the trust rules above the platforms. */
export interface VerifierDeps {
  /** The tickets the ticket handler issued (required by platforms whose captures always have one). */
  tickets: TicketStore | undefined;
  allowUnticketed: boolean;
  /** Accepts each credential once; gives a remembered verdict back to the same key and subject only. */
  guard: (
    key: string,
    idempotencyKey: string | undefined,
    fingerprint: string | undefined,
    check: () => Promise<Outcome>,
  ) => Promise<Outcome>;
  /** The key of every digest at rest. */
  key: () => Promise<Buffer>;
  now: () => number;
}

/** A platform's verifier: checks one payload of its own. */
export type Verifier<P extends VerifyPayload = VerifyPayload> = (payload: P, context: VerifyContext) => Promise<Outcome>;

/**
 * One platform's server half. `ticket` and `verify` make the issuer and verifier from the handler's options (`T`:
 * the ticket handler's, `V`: the verify handler's); without the platform's client (`clientOption`) they answer its
 * requests 400 `<platform>_not_configured`.
 */
export interface ServerPlatform<T = never, V = never, P extends VerifyPayload = VerifyPayload> {
  readonly name: PlatformName;
  /** The handler option that carries the platform's client (`api` for WeChat, else the platform's name). */
  readonly clientOption: string;
  /** The body fields of its untagged payloads (front ends older than the `platform` tag), for reading them by shape. */
  readonly credentialFields: readonly string[];
  /** Reads its payload (tagged or not), or throws an HttpError (400) naming what is wrong. */
  readPayload(body: Record<string, unknown>): P;
  /** The protocol a payload of its uses, for the audit record (WeChat's v1 / v2); absent where there is one. */
  protocolOf?(payload: P): AuditContext['protocol'];
  ticket(options: T): Issuer;
  verify(options: V, deps: VerifierDeps): Verifier<P>;
  /** Whether its verifier needs issued tickets (`tickets` on the verify handler). */
  readonly needsTickets: boolean;
}

/**
 * A platform as the registry holds it. Its verifier only ever sees payloads its own `readPayload` made (the
 * handler reads, then dispatches to the same platform), which is what makes this one widening sound.
 */
export const defineServerPlatform = <T, V, P extends VerifyPayload>(platform: ServerPlatform<T, V, P>): ServerPlatform<T, V> =>
  platform as unknown as ServerPlatform<T, V>;
