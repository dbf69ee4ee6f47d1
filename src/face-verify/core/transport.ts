/**
 * Calls the app's backend (the verify endpoint and the ticket endpoint): a URL reached through the
 * HTTP port, or a function. Timeouts, non-2xx answers, non-JSON and answers of the wrong shape are
 * transient and retried with backoff a bounded number of times before they surface as a retryable error.
 */
import { flowMessagesFor } from '../locales/flow';
import { sleep } from './clock';
import { flowError } from './errors';
import { DriverError, type HttpPort } from './ports';
import type { Clock, Endpoint, FaceVerifyError, FlowStep, LocaleOption } from './types';

export interface TransportOptions {
  http: HttpPort;
  clock: Clock;
  headers?: Record<string, string>;
  /** Per attempt. */
  timeoutMs: number;
  /** Extra attempts after the first. */
  retries: number;
  locale?: LocaleOption;
  /** Checked between attempts: a cancelled flow stops retrying. */
  isCancelled: () => boolean;
}

type Transient = { reason: 'timeout' | 'network' | 'bad-status' | 'bad-answer'; status?: number };
/** The backend refused for now (429): not retried by itself, the user is told when to come back. */
type Refused = { reason: 'rate_limited'; retryAfterSeconds: number };
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: FaceVerifyError } | { ok: false; cancelled: true };

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new TimeoutError()), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Backoff before retry n (0-based): 400 ms, 800 ms, 1.6 s, … capped at 5 s. */
export const backoffMs = (attempt: number) => Math.min(400 * 2 ** attempt, 5000);

async function attemptOnce<P, A>(
  endpoint: Endpoint<P, A>,
  payload: P,
  parse: (raw: unknown) => A | null,
  options: TransportOptions,
): Promise<{ value: A } | Transient | Refused> {
  let raw: unknown;
  try {
    if (typeof endpoint === 'function') {
      raw = await withTimeout(
        Promise.resolve().then(() => endpoint(payload)),
        options.timeoutMs,
        options.clock,
      );
    } else {
      const response = await withTimeout(
        options.http.request({
          url: endpoint,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
          body: JSON.stringify(payload),
          timeoutMs: options.timeoutMs,
        }),
        options.timeoutMs,
        options.clock,
      );
      if (response.status === 429) return { reason: 'rate_limited', retryAfterSeconds: retryAfterOf(response.text) };
      if (response.status < 200 || response.status >= 300) return { reason: 'bad-status', status: response.status };
      try {
        raw = JSON.parse(response.text);
      } catch {
        return { reason: 'bad-answer' };
      }
    }
  } catch (error) {
    const timedOut = error instanceof TimeoutError || (error instanceof DriverError && error.code === 'timeout');
    return { reason: timedOut ? 'timeout' : 'network' };
  }
  const value = parse(raw);
  return value === null ? { reason: 'bad-answer' } : { value };
}

/** The server kit's `retryAfterSeconds` (its 429 body); a minute when the body says nothing usable. */
function retryAfterOf(text: string): number {
  try {
    const seconds = (JSON.parse(text) as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds);
  } catch {
    // not the server kit's answer: fall through
  }
  return 60;
}

export async function callEndpoint<P, A>(
  endpoint: Endpoint<P, A>,
  payload: P,
  parse: (raw: unknown) => A | null,
  step: FlowStep,
  options: TransportOptions,
): Promise<CallResult<A>> {
  let last: Transient = { reason: 'network' };
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.clock, backoffMs(attempt - 1));
    if (options.isCancelled()) return { ok: false, cancelled: true };
    const outcome = await attemptOnce(endpoint, payload, parse, options);
    if (options.isCancelled()) return { ok: false, cancelled: true };
    if ('value' in outcome) return { ok: true, value: outcome.value };
    if (outcome.reason === 'rate_limited') {
      // Retrying now would only spend more of the limit: the user decides when, once told how long.
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      const message = flowMessagesFor(options.locale).errors.rateLimited(minutes);
      return { ok: false, error: flowError('rate_limited', 'network', message, true, step, 'retry') };
    }
    last = outcome;
  }
  const words = flowMessagesFor(options.locale).errors;
  const message =
    last.reason === 'timeout'
      ? words.timeout
      : last.reason === 'bad-status'
        ? words.badStatus(last.status ?? 0)
        : last.reason === 'bad-answer'
          ? words.badAnswer
          : words.network;
  return { ok: false, error: flowError(last.reason, 'network', message, true, step, 'retry') };
}
