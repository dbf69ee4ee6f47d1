/**
 * Which screen a flow's state calls for: the one place that reads status, error, step and support together to
 * decide what a user sees. The prebuilt page renders what this returns; a custom UI can too.
 */
import type { FaceVerifyError, FaceVerifyStatus, FlowStep, SupportProblem, SupportReport } from './types';

/** The part of the flow's public state a screen depends on (a `FaceVerifyState` has all of it). */
export interface ScreenInput {
  status: FaceVerifyStatus;
  error: FaceVerifyError | null;
  step: FlowStep | null;
  support: SupportReport | null;
}

/** Where the user is, in the four parts a progress bar shows: 0 device check, 1 details, 2 capture, 3 result. */
export type ScreenProgress = 0 | 1 | 2 | 3;

/** What the capture screen is waiting for: the camera permission, a backend ticket, or the capture itself. */
export type CapturePhase = 'permission' | 'ticket' | 'capture';

/** The screen for a flow's state (see {@link selectScreen}). */
export type FaceVerifyScreen =
  | { name: 'probing'; progress: 0 }
  | { name: 'unsupported'; progress: 0; problems: SupportProblem[] }
  | {
      name: 'form';
      progress: 1;
      /** Problems that do not stop the flow (camera not yet allowed, offline), shown above the form. */
      notices: SupportProblem[];
      /** The flow's verdict on the details (`error.kind === 'input'`): the form comes back with it. */
      inputError: FaceVerifyError | null;
    }
  | { name: 'capturing'; progress: 2; phase: CapturePhase }
  | { name: 'submitting'; progress: 3 }
  | { name: 'success'; progress: 3 }
  | { name: 'failed' | 'cancelled'; progress: 3; error: FaceVerifyError };

const PHASES: Partial<Record<FlowStep, CapturePhase>> = { permission: 'permission', ticket: 'ticket' };

/**
 * The screen a flow's state calls for. Pure: the same state always gives the same screen.
 * - `idle` and `probing`: the device check;
 * - `unsupported`: the problems, blocking ones first;
 * - `ready`, and a failure of the details (`kind: 'input'`): the form, with the notices and that failure;
 * - `capturing`: by step (permission, ticket, capture); `submitting`; `success`;
 * - `failed` / `cancelled`: the failure (a failed or cancelled state without an error shows the form).
 * @example
 * const screen = selectScreen(flow.getState());
 * if (screen.name === 'form' && screen.inputError) showAboveTheFields(screen.inputError.message);
 */
export function selectScreen(state: ScreenInput): FaceVerifyScreen {
  const { status, error, step, support } = state;
  const problems = support?.problems ?? [];
  switch (status) {
    case 'idle':
    case 'probing':
      return { name: 'probing', progress: 0 };
    case 'unsupported':
      return { name: 'unsupported', progress: 0, problems: [...problems].sort((a, b) => Number(b.blocking) - Number(a.blocking)) };
    case 'capturing':
      return { name: 'capturing', progress: 2, phase: (step && PHASES[step]) ?? 'capture' };
    case 'submitting':
      return { name: 'submitting', progress: 3 };
    case 'success':
      return { name: 'success', progress: 3 };
    case 'ready':
    case 'failed':
    case 'cancelled': {
      if (status !== 'ready' && error && error.kind !== 'input') return { name: status, progress: 3, error };
      const inputError = status === 'failed' && error?.kind === 'input' ? error : null;
      return { name: 'form', progress: 1, notices: problems.filter((problem) => !problem.blocking), inputError };
    }
  }
}
