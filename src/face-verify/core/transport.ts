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
): Promise<{ value: A } | Transient> {
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
