/**
 * The guards of a start request, as pure functions over what the request carries: an endpoint is set, and the
 * identity (typed, or required by the platform's plan) is valid. The transition table (machine.ts) runs them in
 * order after its own (nothing under way, the device probed and supported).
 */
import { flowMessagesFor } from '../locales/flow';
import { flowError } from './errors';
import { validateIdentity } from './identity';
import type { CapturePlan } from './ports';
import type { FaceVerifyError, Identity, LocaleOption } from './types';

/** What a start depends on beyond the flow's state: read from the options and the driver when `start()` is called. */
export interface StartSetup {
  /** Whether the flow has a verify endpoint. */
  endpoint: boolean;
  /** The driver's plan for the app's setup (protocol, ticket endpoint). */
  plan: CapturePlan;
  /** For the words of a refusal. */
  locale?: LocaleOption | undefined;
}

/** What the request guards decide: start with this identity (null: none typed), or refuse with this error. */
export type StartDecision = { ok: true; identity: Identity | null } | { ok: false; error: FaceVerifyError };

/**
 * The request's guards in order, the first that fails refusing the start: a verify endpoint is set (else the
 * developer's error, which no retry helps); a typed identity, or one the plan requires, is valid (kept normalised).
 */
export function decideStart(input: Identity | undefined, setup: StartSetup): StartDecision {
  if (!setup.endpoint) {
    return { ok: false, error: flowError('no-endpoint', 'fatal', flowMessagesFor(setup.locale).errors.developer, false, 'submit') };
  }
  if (input === undefined && setup.plan.identity !== 'required') return { ok: true, identity: null };
  const checked = validateIdentity(input, { locale: setup.locale ?? 'zh-CN' });
  if (checked.ok) return { ok: true, identity: checked.value };
  const code = `invalid-${checked.field === 'name' ? 'name' : 'id-card'}`;
  return { ok: false, error: flowError(code, 'input', checked.reason, false, 'input') };
}
