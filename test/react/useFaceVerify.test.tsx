import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { useFaceVerify, type UseFaceVerifyOptions } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };

function Probe({ options, onRender }: { options: UseFaceVerifyOptions; onRender?: (status: string) => void }) {
  const flow = useFaceVerify(options);
  onRender?.(flow.status);
  return (
    <div>
      <p data-testid="status">{flow.status}</p>
      <p data-testid="message">{flow.error?.message ?? ''}</p>
      <p data-testid="problems">{flow.support?.problems.map((p) => p.code).join(',')}</p>
      <button onClick={() => void flow.start(PERSON)}>start</button>
      <button onClick={() => void flow.retry()}>retry</button>
    </div>
  );
}

describe('useFaceVerify', () => {
  it('probes on mount so support shows before the user types', async () => {
    render(<Probe options={{ driver: createMockDriver({ scenario: 'camera-denied' }) }} />);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    expect(screen.getByTestId('problems').textContent).toBe('camera-denied');
  });

  it('runs a whole flow from a click, with inline options, without restarting on re-render', async () => {
    const driver = createMockDriver({ scenario: 'capture-error' });
    function Host() {
      const [count, setCount] = useState(0);
      return (
        <>
          <button onClick={() => setCount(count + 1)}>rerender {count}</button>
          <Probe options={{ driver, endpoint: async () => ({ ok: true }), locale: 'en' }} />
        </>
      );
    }
    render(<Host />);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    await act(async () => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('failed'));
    expect(screen.getByTestId('message').textContent).toMatch(/system is busy/);
    await act(async () => screen.getByText(/rerender/).click());
    await act(async () => screen.getByText(/rerender/).click());
    expect(screen.getByTestId('status').textContent).toBe('failed');
    expect(driver.calls.getSystemInfo).toBe(1);
    await act(async () => screen.getByText('retry').click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
  });

  it('later option values apply to later steps', async () => {
    const driver = createMockDriver();
    const first = jest.fn(async () => ({ ok: true as const }));
    const second = jest.fn(async () => ({ ok: true as const, which: 'second' }));
    const { rerender } = render(<Probe options={{ driver, endpoint: first }} />);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    rerender(<Probe options={{ driver, endpoint: second }} />);
    await act(async () => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('works under StrictMode’s double mount', async () => {
    const driver = createMockDriver({ latencyMs: 5 });
    render(
      <StrictMode>
        <Probe options={{ driver, endpoint: async () => ({ ok: true }) }} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    await act(async () => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
  });

  it('unmounting mid-flight stops cleanly: no updates, no React warnings', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const driver = createMockDriver({ captureMs: 300 });
    const endpoint = jest.fn(async () => ({ ok: true as const }));
    const renders: string[] = [];
    const { unmount } = render(<Probe options={{ driver, endpoint }} onRender={(s) => renders.push(s)} />);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    await act(async () => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('capturing'));
    unmount();
    const rendersAtUnmount = renders.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(renders.length).toBe(rendersAtUnmount);
    expect(endpoint).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('gives each mounted component its own flow', async () => {
    const a = createMockDriver({ scenario: 'old-wechat' });
    const b = createMockDriver();
    render(
      <>
        <Probe options={{ driver: a }} />
        <Probe options={{ driver: b }} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByTestId('status').map((n) => n.textContent)).toEqual(['unsupported', 'ready']));
  });
});
