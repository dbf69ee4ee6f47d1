/**
 * Accessibility and elder mode in the weapp build: WeChat's screen reader gets the page's roles and names
 * (`aria-role`, `aria-label`, passed through Taro's templates by config/a11y-plugin.js), and a large WeChat font
 * turns elder mode on by itself (`getAppBaseInfo().fontSizeScaleFactor`), with the page following WeChat's font
 * setting (`page-meta page-font-size="system"`).
 */
import { ANDROID } from './fake-wx';
import { fillAndStart, open, VERIFIED } from './scenario';

type Node = { tagName?: string; attrs?: Array<{ name: string; value: unknown }>; children?: Node[] };

/** Every element of the rendered tree with its attributes as an object. */
function elements(tree: unknown): Array<{ tag: string; attrs: Record<string, unknown> }> {
  const out: Array<{ tag: string; attrs: Record<string, unknown> }> = [];
  const walk = (node: Node) => {
    if (node.tagName) out.push({ tag: node.tagName, attrs: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])) });
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree as Node);
  return out;
}

const withAttr = (tree: unknown, name: string, value?: unknown) =>
  elements(tree).filter((element) => name in element.attrs && (value === undefined || element.attrs[name] === value));

test('the screen reader gets headings, buttons, named fields and the two live regions', async () => {
  const page = await open({ device: ANDROID });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  const tree = page.tree();
  expect(withAttr(tree, 'aria-role', 'heading').length).toBeGreaterThanOrEqual(1);
  expect(withAttr(tree, 'aria-role', 'button').map((element) => element.attrs.id)).toContain('fv-start');
  expect(withAttr(tree, 'aria-label', '姓名').length).toBe(1);
  expect(withAttr(tree, 'aria-label', '身份证号').length).toBe(1);
  expect(withAttr(tree, 'aria-role', 'status').map((element) => element.attrs.id)).toEqual(['fv-status']);
  expect(withAttr(tree, 'aria-role', 'alert').map((element) => element.attrs.id)).toEqual(['fv-alert']);
  expect(elements(tree).some((element) => element.tag === 'page-meta' && element.attrs['page-font-size'] === 'system')).toBe(true);
});

test('a standard WeChat font: normal mode', async () => {
  const page = await open({ device: ANDROID });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  expect(withAttr(page.tree(), 'data-elderly')).toEqual([]);
});

test.each([
  ['a scale factor of 1.4', { fontSizeScaleFactor: 1.4 }],
  ['iOS 关怀模式 (23.8 px)', { fontSizeSetting: 23.8 }],
])('a large WeChat font (%s) turns elder mode on; the flow still verifies', async (_, font) => {
  const page = await open({ device: { ...ANDROID, ...font } });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  expect(withAttr(page.tree(), 'data-elderly', 'true')).toHaveLength(1);
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
});
