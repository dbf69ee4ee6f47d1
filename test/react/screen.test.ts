/**
 * The screen selector: every status, and the states where status alone does not decide (a failure of the
 * details goes back to the form; the capture screen depends on the step; notices vs blocking problems).
 */
import { selectScreen, type ScreenInput } from 'taro-face-verify';
import type { FaceVerifyError, SupportProblem, SupportReport } from 'taro-face-verify';

const problem = (code: SupportProblem['code'], blocking: boolean): SupportProblem => ({ code, message: code, blocking });
const report = (problems: SupportProblem[]): SupportReport => ({
  supported: !problems.some((p) => p.blocking),
  mode: 'read-number',
  problems,
  device: { platform: 'android', wechatVersion: '8.0.54', sdkVersion: '3.9.2', mock: true },
});
const failure = (kind: FaceVerifyError['kind'], retryable = true): FaceVerifyError => ({ code: 1, kind, message: kind, retryable });
const state = (changes: Partial<ScreenInput>): ScreenInput => ({ status: 'idle', error: null, step: null, support: null, ...changes });

describe('selectScreen', () => {
  it('idle and probing: the device check, at the first step', () => {
    expect(selectScreen(state({ status: 'idle' }))).toEqual({ name: 'probing', progress: 0 });
    expect(selectScreen(state({ status: 'probing', step: 'probe' }))).toEqual({ name: 'probing', progress: 0 });
  });

  it('unsupported: every problem, blocking ones first', () => {
    const support = report([problem('camera-denied', false), problem('no-front-camera', true)]);
    const screen = selectScreen(state({ status: 'unsupported', support }));
    expect(screen).toMatchObject({ name: 'unsupported', progress: 0 });
    expect(screen.name === 'unsupported' && screen.problems.map((p) => p.code)).toEqual(['no-front-camera', 'camera-denied']);
    // The flow's own report is left as it was.
    expect(support.problems.map((p) => p.code)).toEqual(['camera-denied', 'no-front-camera']);
  });

  it('ready: the form, with the problems that do not stop the flow as notices', () => {
    const support = report([problem('camera-denied', false), problem('no-network', false)]);
    expect(selectScreen(state({ status: 'ready', support }))).toEqual({
      name: 'form',
      progress: 1,
      notices: support.problems,
      inputError: null,
    });
  });

  it('a failure of the details returns to the form with it; any other failure is the failure screen', () => {
    const input = failure('input', false);
    expect(selectScreen(state({ status: 'failed', error: input, step: 'input' }))).toMatchObject({
      name: 'form',
      progress: 1,
      inputError: input,
    });
    const backend = failure('backend');
    expect(selectScreen(state({ status: 'failed', error: backend, step: 'submit' }))).toEqual({
      name: 'failed',
      progress: 3,
      error: backend,
    });
  });

  it('cancelled: the cancellation with its error', () => {
    const cancel = failure('cancel');
    expect(selectScreen(state({ status: 'cancelled', error: cancel, step: 'capture' }))).toEqual({
      name: 'cancelled',
      progress: 3,
      error: cancel,
    });
  });

  it('a failed or cancelled state without an error shows the form rather than nothing', () => {
    expect(selectScreen(state({ status: 'failed' }))).toMatchObject({ name: 'form', inputError: null });
    expect(selectScreen(state({ status: 'cancelled' }))).toMatchObject({ name: 'form', inputError: null });
  });

  it('capturing: what it waits for follows the step', () => {
    expect(selectScreen(state({ status: 'capturing', step: 'permission' }))).toEqual({
      name: 'capturing',
      progress: 2,
      phase: 'permission',
    });
    expect(selectScreen(state({ status: 'capturing', step: 'ticket' }))).toEqual({ name: 'capturing', progress: 2, phase: 'ticket' });
    expect(selectScreen(state({ status: 'capturing', step: 'capture' }))).toEqual({ name: 'capturing', progress: 2, phase: 'capture' });
    expect(selectScreen(state({ status: 'capturing', step: null }))).toEqual({ name: 'capturing', progress: 2, phase: 'capture' });
  });

  it('submitting and success: the last step', () => {
    expect(selectScreen(state({ status: 'submitting', step: 'submit' }))).toEqual({ name: 'submitting', progress: 3 });
    expect(selectScreen(state({ status: 'success' }))).toEqual({ name: 'success', progress: 3 });
  });
});
