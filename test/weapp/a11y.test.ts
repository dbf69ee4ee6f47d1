/**
 * Elder mode in the weapp build: a large WeChat font turns it on by itself
 * (`getAppBaseInfo().fontSizeScaleFactor` / `fontSizeSetting`), and the live regions are mounted with the page.
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

/** The page root's inline style (elder mode sets its sizes there). */
const rootStyle = (tree: unknown) =>
  String(elements(tree).find((element) => String(element.attrs.id ?? '').startsWith('fv-root'))?.attrs.style ?? '');

test('the two live regions are there with the page', async () => {
  const page = await open({ device: ANDROID });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  expect(page.has('#fv-status')).toBe(true);
  expect(page.has('#fv-alert')).toBe(true);
});

test('a standard WeChat font: normal mode', async () => {
  const page = await open({ device: ANDROID });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  expect(rootStyle(page.tree())).not.toContain('--fv-size-small');
});

test.each([
  ['a scale factor of 1.4', { fontSizeScaleFactor: 1.4 }],
  ['iOS 关怀模式 (23.8 px)', { fontSizeSetting: 23.8 }],
])('a large WeChat font (%s) turns elder mode on; the flow still verifies', async (_, font) => {
  const page = await open({ device: { ...ANDROID, ...font } });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  // Elder mode's sizes on the root: 1.25× the root size, no text under 1em of it.
  expect(rootStyle(page.tree())).toContain('--fv-size-small: 1em');
  expect(rootStyle(page.tree())).toContain('* 1.25');
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
});
