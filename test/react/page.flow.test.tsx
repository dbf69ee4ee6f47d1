/**
 * FaceVerifyPage through a whole verification on the mock driver: each outcome, each transition a user
 * can take from it (retry, open settings, fix the form, start over), and the app's callbacks.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceVerifyPage, type FaceVerifyError } from 'taro-face-verify';
import { createMockDriver, type MockScenarioName } from 'taro-face-verify/mock';

const VALID_ID = '11010519491231002X';

function mount(scenario: MockScenarioName, props: Partial<Parameters<typeof FaceVerifyPage>[0]> = {}) {
  const driver = createMockDriver({ scenario, latencyMs: 0, captureMs: 0 });
  const view = render(<FaceVerifyPage driver={driver} {...props} />);
  const root = () => view.container.querySelector('[data-status]') as HTMLElement;
  const status = () => root().getAttribute('data-status');
  return { driver, view, root, status };
}

async function fillAndStart(name = '张三', idCardNumber = VALID_ID) {
  await screen.findByLabelText('姓名');
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: idCardNumber } });
  fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
}

afterEach(cleanup);

describe('FaceVerifyPage: a successful verification', () => {
  it('goes from the device check to success, reports the backend verdict once and shows only masked details', async () => {
    const onSuccess = jest.fn();
    const onFail = jest.fn();
    const { status, view } = mount('success', { onSuccess, onFail });
    expect(status()).toBe('probing');
    expect(screen.getByText('正在检测设备环境')).toBeTruthy();

    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('success'));

    expect(screen.getByText('核验成功')).toBeTruthy();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0][0]).toMatchObject({ ok: true, mock: true });
    expect(onFail).not.toHaveBeenCalled();
    expect(screen.getByText('张*')).toBeTruthy();
    expect(screen.getByText('1101**********002X')).toBeTruthy();
    expect(view.container.textContent).not.toContain(VALID_ID);
    expect(view.container.textContent).not.toContain('张三');
  });

  it('shows a Done button only when the app handles it', async () => {
    const onDone = jest.fn();
    const { status } = mount('success', { onDone });
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('success'));
    fireEvent.click(screen.getByRole('button', { name: '完成' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('FaceVerifyPage: failures and the way back', () => {
  it('capture-error: explains the failure, and retry completes the verification', async () => {
    const onFail = jest.fn();
    const { status, driver } = mount('capture-error', { onFail });
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('failed'));
    expect(document.getElementById('fv-message')?.textContent).toContain('系统繁忙');
    expect(onFail).toHaveBeenCalledTimes(1);
    expect((onFail.mock.calls[0][0] as FaceVerifyError).kind).toBe('retry');

    fireEvent.click(document.getElementById('fv-retry') as HTMLElement);
    await waitFor(() => expect(status()).toBe('success'));
    expect(driver.calls.startFacialRecognitionVerify).toBe(2);
  });

  it('camera-denied: offers settings before and after the attempt; settings then retry succeeds', async () => {
    const { status, driver } = mount('camera-denied');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByText('需要使用摄像头进行人脸核身，请在设置中允许使用摄像头。')).toBeTruthy();
    expect(document.getElementById('fv-open-settings')).not.toBeNull();

    await fillAndStart();
    await waitFor(() => expect(status()).toBe('failed'));
    expect(document.getElementById('fv-message')?.textContent).toContain('摄像头');
    fireEvent.click(screen.getByRole('button', { name: '去设置开启摄像头' }));
    // Back from the settings, the page says what to do next and puts retry first.
    expect(await screen.findByText('如已在设置中允许使用摄像头，请点击“重试”继续。')).toBeTruthy();
    expect(driver.calls.openSetting).toBe(1);
    expect(screen.getAllByRole('button').map((button) => button.id)).toEqual(['fv-retry', 'fv-open-settings']);

    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(status()).toBe('success'));
  });

  it('id-name-mismatch: returns to the form with the message, and the corrected form succeeds', async () => {
    const { status } = mount('id-name-mismatch');
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart('张四');
    await waitFor(() => expect(document.getElementById('fv-form-error')).not.toBeNull());
    expect(status()).toBe('failed');
    expect(document.getElementById('fv-form-error')?.textContent).toBe('姓名与身份证号码不一致，请检查后重新填写。');
    // The values stay so the user can correct them; editing hides the stale message.
    expect((screen.getByLabelText('身份证号') as HTMLInputElement).value).toBe(VALID_ID);
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    expect(document.getElementById('fv-form-error')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    await waitFor(() => expect(status()).toBe('success'));
  });

  it('face-mismatch: the backend says no; the message says why and retry is offered', async () => {
    const { status } = mount('face-mismatch');
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('failed'));
    expect(document.getElementById('fv-message')?.textContent).toBe('人脸与证件照片不一致，请本人正对屏幕重试。');
    expect(document.getElementById('fv-retry')).not.toBeNull();
  });

  it('face-mismatch three times: stops offering retry and points to another channel', async () => {
    const onOtherChannel = jest.fn();
    const { status } = mount('face-mismatch', { onOtherChannel });
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    for (let attempt = 1; attempt < 3; attempt++) {
      await waitFor(() => expect(document.getElementById('fv-retry')).not.toBeNull());
      fireEvent.click(document.getElementById('fv-retry') as HTMLElement);
    }
    await waitFor(() => expect(document.getElementById('fv-message')?.textContent).toContain('多次核验未通过'));
    expect(document.getElementById('fv-retry')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '通过其他方式办理' }));
    expect(onOtherChannel).toHaveBeenCalledTimes(1);
  });

  it('user-cancel: says so, and starting over returns to the filled form', async () => {
    const onFail = jest.fn();
    const { status } = mount('user-cancel', { onFail });
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('cancelled'));
    expect(screen.getByText('已取消核验')).toBeTruthy();
    expect((onFail.mock.calls[0][0] as FaceVerifyError).kind).toBe('cancel');

    fireEvent.click(screen.getByRole('button', { name: '重新开始' }));
    await waitFor(() => expect(status()).toBe('ready'));
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('张三');
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    await waitFor(() => expect(status()).toBe('success'));
  });

  it('a real driver without an endpoint: a plain configuration error, with start over', async () => {
    const driver = { ...createMockDriver({ latencyMs: 0, captureMs: 0 }), mock: false };
    const view = render(<FaceVerifyPage driver={driver} />);
    const status = () => view.container.querySelector('[data-status]')?.getAttribute('data-status');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(view.container.querySelector('[data-preview]')).toBeNull();
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('failed'));
    expect(document.getElementById('fv-message')?.textContent).toBe('服务配置有误，请稍后再试或联系客服。');
    expect(document.getElementById('fv-restart')).not.toBeNull();
  });
});

describe('FaceVerifyPage: the ticket start', () => {
  it('with a ticketEndpoint shows no form and captures with the issued userIdKey', async () => {
    const driver = createMockDriver({ latencyMs: 0, captureMs: 0 });
    const capture = jest.spyOn(driver, 'startFacialRecognitionVerify');
    const ticketEndpoint = jest.fn(async () => ({ userIdKey: 'key-1', expiresIn: 3600 }));
    const endpoint = jest.fn(async () => ({ ok: true as const }));
    const view = render(<FaceVerifyPage driver={driver} ticketEndpoint={ticketEndpoint} endpoint={endpoint} />);
    const status = () => view.container.querySelector('[data-status]')?.getAttribute('data-status');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.queryByLabelText('姓名')).toBeNull();
    expect(screen.getByText('将使用你在本服务中登记的身份信息进行核验，无需再次填写。')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    });
    await waitFor(() => expect(status()).toBe('success'));
    expect(ticketEndpoint).toHaveBeenCalledTimes(1);
    expect(capture.mock.calls[0]?.[0]).toMatchObject({ userIdKey: 'key-1' });
    expect(capture.mock.calls[0]?.[0]).not.toHaveProperty('name');
    expect(endpoint).toHaveBeenCalledTimes(1);
  });

  it('a cancelled ticket start offers retry; a cancelled form flow with a ticketEndpoint starts over at the form', async () => {
    const ticketEndpoint = async () => ({ userIdKey: 'key-1', expiresIn: 3600 });
    const endpoint = async () => ({ ok: true as const });
    const ticketOnly = render(
      <FaceVerifyPage
        driver={createMockDriver({ scenario: 'user-cancel', latencyMs: 0, captureMs: 0 })}
        ticketEndpoint={ticketEndpoint}
        endpoint={endpoint}
      />,
    );
    const status = () => document.querySelector('[data-status]')?.getAttribute('data-status');
    await waitFor(() => expect(status()).toBe('ready'));
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    await waitFor(() => expect(status()).toBe('cancelled'));
    expect(document.getElementById('fv-retry')).not.toBeNull();
    expect(document.getElementById('fv-restart')).toBeNull();
    ticketOnly.unmount();

    render(
      <FaceVerifyPage
        driver={createMockDriver({ scenario: 'user-cancel', latencyMs: 0, captureMs: 0 })}
        ticketEndpoint={ticketEndpoint}
        endpoint={endpoint}
        collectIdentity
      />,
    );
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('cancelled'));
    expect(document.getElementById('fv-retry')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '重新开始' }));
    await waitFor(() => expect(status()).toBe('ready'));
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('张三');
  });
});
