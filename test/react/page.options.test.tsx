/**
 * The page hands every flow option to its flow (none is dropped), and later prop values (a new callback, a new
 * endpoint) reach the flow's next step without an update during render.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceVerifyPage, type FaceVerifyEvent, type HttpPort } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';
import { setRouterParams } from '../support/taro';

const INSTANT = { latencyMs: 0, captureMs: 0 };
const status = () => document.querySelector('[data-status]')?.getAttribute('data-status');

async function startWithIdentity() {
  await waitFor(() => expect(status()).toBe('ready'));
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: '11010519491231002X' } });
  fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
}

beforeEach(() => setRouterParams({}));
afterEach(cleanup);

describe('flow options given to the page', () => {
  it('sends the verification through the `http` port the app gave', async () => {
    const http: HttpPort = { request: jest.fn(async () => ({ status: 200, text: JSON.stringify({ ok: true }) })) };
    render(<FaceVerifyPage driver={createMockDriver(INSTANT)} endpoint="https://api.example.com/face/verify" http={http} />);
    await startWithIdentity();
    await waitFor(() => expect(status()).toBe('success'));
    expect(http.request).toHaveBeenCalledTimes(1);
    expect(http.request).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://api.example.com/face/verify', method: 'POST' }));
  });

  it('sends to the endpoint of the latest render', async () => {
    const driver = createMockDriver(INSTANT);
    const first = jest.fn(async () => ({ ok: true as const }));
    const second = jest.fn(async () => ({ ok: true as const }));
    const { rerender } = render(<FaceVerifyPage driver={driver} endpoint={first} />);
    await waitFor(() => expect(status()).toBe('ready'));
    rerender(<FaceVerifyPage driver={driver} endpoint={second} />);
    await startWithIdentity();
    await waitFor(() => expect(status()).toBe('success'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('calls the newest onEvent callback, and React reports no update during render', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const driver = createMockDriver(INSTANT);
    const endpoint = async () => ({ ok: true as const });
    const older: FaceVerifyEvent[] = [];
    const newer: FaceVerifyEvent[] = [];
    const { rerender } = render(<FaceVerifyPage driver={driver} endpoint={endpoint} onEvent={(event) => older.push(event)} />);
    await waitFor(() => expect(status()).toBe('ready'));
    const olderCount = older.length;
    rerender(<FaceVerifyPage driver={driver} endpoint={endpoint} onEvent={(event) => newer.push(event)} />);
    await startWithIdentity();
    await waitFor(() => expect(status()).toBe('success'));
    expect(older).toHaveLength(olderCount);
    expect(newer.map((event) => event.name)).toContain('face_verify.flow.finished');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    await act(async () => undefined);
  });
});

describe('the grouped props', () => {
  it('take the flow, the looks and words, and the callbacks in their groups', async () => {
    const onSuccess = jest.fn();
    const endpoint = jest.fn(async () => ({ ok: true as const }));
    render(
      <FaceVerifyPage
        flow={{ driver: createMockDriver(INSTANT), endpoint }}
        ui={{ title: '实名认证', elderly: true }}
        callbacks={{ onSuccess }}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('实名认证');
    expect(document.querySelector('[data-elderly="true"]')).not.toBeNull();
    await startWithIdentity();
    await waitFor(() => expect(status()).toBe('success'));
    expect(endpoint).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('win over the flat props they replace, which still work', async () => {
    const flat = jest.fn(async () => ({ ok: true as const }));
    const grouped = jest.fn(async () => ({ ok: true as const }));
    const onFlatSuccess = jest.fn();
    render(
      <FaceVerifyPage
        driver={createMockDriver(INSTANT)}
        endpoint={flat}
        flow={{ endpoint: grouped }}
        title="旧标题"
        onSuccess={onFlatSuccess}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('旧标题');
    await startWithIdentity();
    await waitFor(() => expect(status()).toBe('success'));
    expect(flat).not.toHaveBeenCalled();
    expect(grouped).toHaveBeenCalledTimes(1);
    expect(onFlatSuccess).toHaveBeenCalledTimes(1);
  });
});
