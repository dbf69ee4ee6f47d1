/**
 * `onEvent` through the React layer: the hook (inline options), the page's prop, and the H5 preview bar's
 * event panel. `process.env.TARO_ENV` is 'h5' for the preview, as Taro's H5 build defines it.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceVerifyPage, useFaceVerify, type FaceVerifyEvent } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';
import { setRouterParams } from '../support/taro';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const INSTANT = { latencyMs: 0, captureMs: 0 };
const originalEnv = process.env.TARO_ENV;

beforeEach(() => setRouterParams({}));
afterEach(() => {
  cleanup();
  process.env.TARO_ENV = originalEnv;
});

const status = () => document.querySelector('[data-status]')?.getAttribute('data-status');
const names = (events: FaceVerifyEvent[]) => events.map((event) => event.name);

async function fillAndStart() {
  await waitFor(() => expect(status()).toBe('ready'));
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: PERSON.name } });
  fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: PERSON.idCardNumber } });
  fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
}

describe('onEvent in React', () => {
  it('useFaceVerify: an inline listener hears the whole flow, the latest one after a re-render', async () => {
    const driver = createMockDriver();
    const first: FaceVerifyEvent[] = [];
    const second: FaceVerifyEvent[] = [];
    function Flow({ sink }: { sink: FaceVerifyEvent[] }) {
      const flow = useFaceVerify({ driver, onEvent: (event) => sink.push(event) });
      return (
        <button data-status={flow.status} onClick={() => void flow.start(PERSON)}>
          start
        </button>
      );
    }
    const { rerender } = render(<Flow sink={first} />);
    await waitFor(() => expect(status()).toBe('ready'));
    rerender(<Flow sink={second} />);
    await act(async () => screen.getByText('start').click());
    await waitFor(() => expect(status()).toBe('success'));
    expect(names(first)).toEqual(['face_verify.probe.finished']);
    expect(names(second)).toEqual([
      'face_verify.flow.started',
      'face_verify.capture.finished',
      'face_verify.submit.finished',
      'face_verify.flow.finished',
    ]);
  });

  it('FaceVerifyPage passes onEvent to its flow (outside H5 too)', async () => {
    const events: FaceVerifyEvent[] = [];
    render(<FaceVerifyPage driver={createMockDriver()} endpoint={async () => ({ ok: true })} onEvent={(event) => events.push(event)} />);
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('success'));
    expect(names(events).at(-1)).toBe('face_verify.flow.finished');
    expect(events.at(-1)?.attributes).toMatchObject({ status: 'success', attempts: 1 });
    expect(document.querySelector('#fv-preview-events')).toBeNull();
  });

  it('the H5 preview bar shows the live event stream in a collapsible panel, and the app still hears it', async () => {
    process.env.TARO_ENV = 'h5';
    const events: FaceVerifyEvent[] = [];
    render(<FaceVerifyPage previewTiming={INSTANT} onEvent={(event) => events.push(event)} />);
    const panel = () => document.querySelector('#fv-preview-events') as HTMLDetailsElement;
    await waitFor(() => expect(panel().textContent).toMatch(/事件流（onEvent）· 1/));
    expect(panel().open).toBe(false);
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('success'));
    const lines = [...panel().querySelectorAll('li')].map((line) => line.getAttribute('data-event'));
    expect(lines).toEqual(names(events));
    expect(lines.at(-1)).toBe('face_verify.flow.finished');
    expect(panel().textContent).toMatch(/flow\.finished status=success/);
    expect(panel().textContent).not.toContain(PERSON.name);
    fireEvent.click(screen.getByRole('button', { name: '清空' }));
    expect(panel().querySelectorAll('li')).toHaveLength(0);
  });
});
