/**
 * Accessibility in the weapp build, read from what WeChat's own template compiler produced: the `aria-*` WeChat's
 * screen reader reads reach the components (src/taro-plugin, shipped as taro-face-verify/taro-plugin), typing still works with them there, the page
 * follows WeChat's font setting (`page-meta page-font-size="system"`), and a large WeChat font turns elder mode on
 * by itself (`getAppBaseInfo().fontSizeScaleFactor` / `fontSizeSetting`).
 */
import { ANDROID, fail, type Device } from './fake-wx';
import { fillAndStart, ID_CARD, NAME, open, VERIFIED } from './scenario';
import type { SimulatedPage } from './simulator';

type TreeNode = { tagName?: string; attrs?: Array<{ name: string; value: unknown }>; children?: Array<TreeNode | string> };
interface Rendered {
  tag: string;
  /** As j-component reports them: `aria-role` in the template is `ariaRole` here. */
  attrs: Record<string, unknown>;
  text: string;
}

const textOf = (node: TreeNode | string): string => (typeof node === 'string' ? node : (node.children ?? []).map(textOf).join(''));

/** Every rendered element, with its attributes and its text. */
function elements(page: SimulatedPage): Rendered[] {
  const out: Rendered[] = [];
  const walk = (node: TreeNode | string) => {
    if (typeof node === 'string') return;
    if (node.tagName) {
      const attrs = Object.fromEntries((node.attrs ?? []).map((attr) => [attr.name, attr.value]));
      out.push({ tag: node.tagName, attrs, text: textOf(node).replace(/\s+/g, ' ').trim() });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(page.tree() as TreeNode);
  return out;
}

/** The element with this id (Taro renders a component's `id` as the element's id). */
function byId(page: SimulatedPage, id: string): Rendered {
  const found = elements(page).find((element) => element.attrs.id === id);
  if (!found) throw new Error(`#${id} is not rendered: ${page.text()}`);
  return found;
}

/** The headings WeChat's screen reader announces: level and words. */
const headings = (page: SimulatedPage) =>
  elements(page)
    .filter((element) => element.attrs.ariaRole === 'heading')
    .map((element) => ({ level: element.attrs.ariaLevel, text: element.text }));

/**
 * What WeChat's screen reader gets from the controls and decorations on screen: every button says it is one and
 * is named by its words; what is hidden from it is drawing only (no words or numbers).
 */
function expectNamedButtonsAndSilentDecorations(page: SimulatedPage) {
  const buttons = elements(page).filter((element) => element.tag === 'wx-button');
  expect(buttons.length).toBeGreaterThan(0);
  for (const button of buttons) expect(button.attrs).toMatchObject({ ariaRole: 'button', ariaLabel: button.text });
  const hidden = elements(page).filter((element) => element.attrs.ariaHidden === 'true');
  expect(hidden.length).toBeGreaterThan(0);
  // An icon's glyph ("!", "×") at most: never words the screen would otherwise say.
  for (const decoration of hidden) expect(decoration.text).toMatch(/^[^\p{L}\p{N}]*$/u);
}

/** The page root's inline style (elder mode sets its sizes there). */
const rootStyle = (page: SimulatedPage) =>
  String(elements(page).find((element) => String(element.attrs.id ?? '').startsWith('fv-root'))?.attrs.style ?? '');

async function form(device: Device = ANDROID) {
  const page = await open({ device });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  return page;
}

test('the form: the start button, the fields, the title and the live regions carry aria-role / aria-label', async () => {
  const page = await form();
  expect(byId(page, 'fv-start').attrs).toMatchObject({ ariaRole: 'button', ariaLabel: '开始人脸核身' });
  // The fields are named by their visible labels, and not in error before the user typed.
  expect(byId(page, 'fv-name').attrs).toMatchObject({ ariaLabel: '姓名', ariaInvalid: 'false' });
  expect(byId(page, 'fv-id-card').attrs).toMatchObject({ ariaLabel: '身份证号', ariaInvalid: 'false' });
  expect(headings(page)).toEqual([{ level: 1, text: '人脸核身' }]);
  // Mounted empty with the page, so a later message is a change the screen reader says.
  expect(byId(page, 'fv-status')).toMatchObject({ attrs: { ariaRole: 'status', ariaLive: 'polite' }, text: '' });
  expect(byId(page, 'fv-alert')).toMatchObject({ attrs: { ariaRole: 'alert', ariaLive: 'assertive' }, text: '' });
  expectNamedButtonsAndSilentDecorations(page);
});

test('a wrong ID number: the field is marked invalid and points at its message, and the alert region says it', async () => {
  const page = await form();
  await fillAndStart(page, NAME, '110105194912310021');
  await page.waitForText('身份证号码校验位不正确');
  const field = byId(page, 'fv-id-card').attrs;
  expect(field).toMatchObject({ ariaInvalid: 'true', ariaDescribedby: 'fv-id-card-error' });
  expect(byId(page, 'fv-id-card-error').text).toContain('身份证号码校验位不正确');
  // Said once, with the field's name (the region is written a render after the field shows its message).
  await page.waitFor(() => byId(page, 'fv-alert').text !== '', 'the alert region');
  expect(byId(page, 'fv-alert').text).toMatch(/^身份证号: 身份证号码校验位不正确/);
  expect(byId(page, 'fv-name').attrs.ariaInvalid).toBe('false');
});

test('with the aria attributes in the templates, typing still reaches the page: the happy path verifies', async () => {
  const page = await form();
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
  // What was typed is what WeChat was asked to verify.
  expect(page.wx.callsTo('startFacialRecognitionVerify')[0]?.params).toMatchObject({ name: NAME, idCardNumber: ID_CARD });
  expect(headings(page)).toEqual([
    { level: 1, text: '人脸核身' },
    { level: 2, text: VERIFIED },
  ]);
  expect(byId(page, 'fv-status').text).toContain(VERIFIED);
  expect(byId(page, 'fv-alert').text).toBe('');
  expectNamedButtonsAndSilentDecorations(page);
});

test('a failure is said by the alert region, under a level-2 heading', async () => {
  const page = await open({
    device: ANDROID,
    responders: { startFacialRecognitionVerify: () => fail('startFacialRecognitionVerify', 'system error', { errCode: 90102 }) },
  });
  await fillAndStart(page);
  await page.waitForText('系统繁忙');
  expect(headings(page)[1]).toMatchObject({ level: 2 });
  expect(byId(page, 'fv-alert').text).toContain('系统繁忙');
  expect(byId(page, 'fv-retry').attrs).toMatchObject({ ariaRole: 'button', ariaLabel: '重试' });
  expectNamedButtonsAndSilentDecorations(page);
});

test('the page follows WeChat’s font setting: page-meta with page-font-size="system"', async () => {
  const page = await form();
  const pageMeta = elements(page).filter((element) => element.tag === 'wx-page-meta');
  expect(pageMeta).toHaveLength(1);
  expect(pageMeta[0]?.attrs.pageFontSize).toBe('system');
});

test.each([
  ['the standard font', {}],
  ['a slightly larger font (scale 1.15, 18.4 px)', { fontSizeScaleFactor: 1.15, fontSizeSetting: 18.4 }],
])('%s: normal mode', async (_, font) => {
  const page = await form({ ...ANDROID, ...font });
  expect(rootStyle(page)).toContain('font-size: var(--fv-font-size, 1em);');
  expect(rootStyle(page)).not.toContain('--fv-size-small');
});

test.each([
  ['a scale factor of 1.4', { fontSizeScaleFactor: 1.4 }],
  ['iOS 关怀模式 (23.8 px)', { fontSizeSetting: 23.8 }],
])('a large WeChat font (%s) turns elder mode on; the flow still verifies', async (_, font) => {
  const page = await form({ ...ANDROID, ...font });
  // Elder mode's sizes on the root: 1.25× the root size (WeChat's own size, through page-meta), no text under 1em of it.
  expect(rootStyle(page)).toContain('font-size: calc(var(--fv-font-size, 1em) * 1.25);');
  expect(rootStyle(page)).toContain('--fv-size-small: 1em');
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
});
