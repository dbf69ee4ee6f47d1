/**
 * FaceVerifyPage's own props: a ready flow (`store`), the `preview` object, a locale given as a table, and a
 * theme whose every colour is a CSS variable.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createFaceVerify, en, FaceVerifyPage, type FaceVerifyTheme } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';
import { setRouterParams } from '../support/taro';

const INSTANT = { latencyMs: 0, captureMs: 0 };
const originalEnv = process.env.TARO_ENV;
const root = () => document.querySelector('[data-status]') as HTMLElement;
const status = () => root().getAttribute('data-status');

beforeEach(() => setRouterParams({}));
afterEach(() => {
  cleanup();
  process.env.TARO_ENV = originalEnv;
});

describe('a ready flow', () => {
  it("shows the app's store, and leaves it to the app on unmount", async () => {
    const store = createFaceVerify({
      driver: createMockDriver({ ...INSTANT, scenario: 'capture-error' }),
      endpoint: async () => ({ ok: true }),
    });
    const { unmount } = render(<FaceVerifyPage store={store} />);
    await waitFor(() => expect(status()).toBe('ready'));
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: '11010519491231002X' } });
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    await waitFor(() => expect(status()).toBe('failed'));
    expect(store.getState().status).toBe('failed');
    unmount();
    // Not disposed: the app can still drive it.
    await act(() => store.getState().retry());
    expect(store.getState().status).toBe('success');
  });
});

describe('the locale', () => {
  it('takes a table as well as a name', async () => {
    render(<FaceVerifyPage driver={createMockDriver(INSTANT)} locale={en} />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(root().getAttribute('data-locale')).toBe('en');
    expect(screen.getByRole('button', { name: 'Start face verification' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start face verification' }));
    expect(await screen.findByText(en.flow.name.empty)).toBeTruthy();
  });
});

describe('the preview object (H5)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('sets the scenario and timings, and can hide the bar', async () => {
    const { unmount } = render(<FaceVerifyPage preview={{ scenario: 'no-front-camera', timing: INSTANT }} />);
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect((screen.getByLabelText('模拟场景') as HTMLSelectElement).value).toBe('no-front-camera');
    unmount();
    render(<FaceVerifyPage preview={{ timing: INSTANT, bar: false }} />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.queryByText('预览模式 · 模拟数据')).toBeNull();
  });

  it('wins over the deprecated props it replaces', async () => {
    render(<FaceVerifyPage scenario="no-front-camera" previewTiming={INSTANT} preview={{ scenario: 'camera-denied' }} />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(document.querySelector('[data-problem="camera-denied"]')).not.toBeNull();
  });
});

describe('the theme', () => {
  const properties = (style: CSSStyleDeclaration) => Array.from({ length: style.length }, (_, index) => style.item(index));

  /** Every colour in the rendered inline styles, with what it is set from. */
  function coloursIn(container: ParentNode): string[] {
    return [...container.querySelectorAll<HTMLElement>('[style]')].flatMap((element) =>
      properties(element.style)
        .filter((property) => /color|background|border|shadow|fill/.test(property) && !property.startsWith('--'))
        .map((property) => `${property}: ${element.style.getPropertyValue(property)}`),
    );
  }

  it('every colour the page, the preview bar and the simulated capture draw with is a theme variable', async () => {
    process.env.TARO_ENV = 'h5';
    render(<FaceVerifyPage preview={{ scenario: 'no-screen-flash', timing: { latencyMs: 0, captureMs: 60_000 } }} />);
    await waitFor(() => expect(status()).toBe('ready'));
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张' } });
    fireEvent.blur(screen.getByLabelText('姓名'));
    fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: '1101051949123100' } });
    fireEvent.blur(screen.getByLabelText('身份证号'));
    const formColours = coloursIn(document.body);
    fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: '11010519491231002X' } });
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    await waitFor(() => expect(document.getElementById('fv-capture')).not.toBeNull());
    const all = [...formColours, ...coloursIn(document.body)];
    expect(all.length).toBeGreaterThan(20);
    const literal = all.filter((declaration) => {
      const value = declaration.slice(declaration.indexOf(':') + 1);
      // A colour literal outside a var(--fv-…, fallback): a hex, rgb(a)/hsl(a) or a named colour word.
      const withoutVars = value.replace(/var\(--fv-[\w-]+,[^()]*(\([^()]*\))?[^()]*\)/g, '');
      return /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|\b(white|black|red|green|blue|gray|grey)\b/i.test(withoutVars);
    });
    expect(literal).toEqual([]);
  });

  it('sets each theme key as its CSS variable', async () => {
    const theme: Required<FaceVerifyTheme> = {
      colorPrimary: '#000001',
      colorPrimarySoft: '#000002',
      colorOnPrimary: '#000003',
      colorDanger: '#000004',
      colorDangerSoft: '#000005',
      colorWarning: '#000006',
      colorWarningSoft: '#000007',
      colorNeutral: '#000008',
      colorText: '#000009',
      colorTextSecondary: '#000010',
      colorPlaceholder: '#000011',
      colorBorder: '#000012',
      colorFieldBorder: '#000020',
      colorSurface: '#000013',
      colorBackground: '#000014',
      colorShadow: '#000015',
      colorPreview: '#000016',
      colorPreviewBorder: '#000017',
      colorPreviewText: '#000018',
      colorCameraPlaceholder: '#000019',
      radius: '3px',
      fontSize: '21px',
    };
    render(<FaceVerifyPage driver={createMockDriver(INSTANT)} theme={theme} />);
    await waitFor(() => expect(status()).toBe('ready'));
    const variables = properties(root().style).filter((name) => name.startsWith('--fv-'));
    expect(variables).toHaveLength(Object.keys(theme).length);
    const set = new Set(variables.map((name) => root().style.getPropertyValue(name)));
    expect(set).toEqual(new Set(Object.values(theme)));
  });
});
