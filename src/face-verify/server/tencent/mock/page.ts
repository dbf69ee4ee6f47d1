/**
 * The stand-in's verification page (Tencent's H5 page, without the camera): one button per outcome, and the
 * redirect back to the app with `token=<BizToken>`, placed where a hash-routed Taro H5 page can read it.
 */
import { MOCK_TENCENT_SCENARIOS, type MockTencentScenario } from './registry';

/** The page's path: `Url` answers `${origin}${MOCK_TENCENT_VERIFY_PATH}?token=<BizToken>`. */
export const MOCK_TENCENT_VERIFY_PATH = '/verify';

const LABELS: Record<MockTencentScenario, string> = {
  pass: '核身通过 Pass (ErrCode 0, Sim 95)',
  mismatch: '姓名与身份证号不匹配 Name and ID number do not match (2006)',
  'low-similarity': '相似度未达标 Similarity too low (2016, Sim 45)',
  'low-sim-zero': '结果码 0 但相似度 40 ErrCode 0 with Sim 40 (must be refused)',
  liveness: '活体检测失败 Liveness failed (1001)',
  leave: '未完成，返回 Go back without finishing (17)',
  expired: '令牌过期 Token expired (15)',
  'other-person': '另一人的身份 Another person’s identity (must be refused)',
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;background:#fff;line-height:1.5}' +
  'main{max-width:32rem;margin:0 auto}fieldset{border:1px solid #767676;border-radius:6px;padding:.5rem 1rem}' +
  'button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font:inherit;color:#fff;background:#0052d9;border:0;border-radius:6px;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}';

function document(title: string, body: string): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  );
}

/** The page for an open BizToken: a form with one submit button per scenario. */
export function verifyPageHtml(bizToken: string): string {
  const buttons = MOCK_TENCENT_SCENARIOS.map(
    (scenario) => `<button type="submit" name="scenario" value="${scenario}">${escapeHtml(LABELS[scenario])}</button>`,
  ).join('');
  return document(
    '腾讯云人脸核身（模拟） Tencent FaceID stand-in',
    `<p>这是本地模拟页面，不进行真实的人脸核身。This is a local stand-in: no real face verification happens here.</p>` +
      `<form method="post" action="${MOCK_TENCENT_VERIFY_PATH}"><input type="hidden" name="token" value="${escapeHtml(bizToken)}">` +
      `<fieldset><legend>选择核身结果 Choose how the verification ends</legend>${buttons}</fieldset></form>`,
  );
}

/** A page that explains why the verification cannot go on (unknown, expired or finished token). */
export function messagePageHtml(title: string, detail: string): string {
  return document(title, `<p>${escapeHtml(detail)}</p>`);
}

/** `url` with `token=<value>` set in `query` (an earlier `token` removed, the rest kept as written). */
function setTokenParam(url: string, bizToken: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const kept =
    queryStart === -1
      ? []
      : url
          .slice(queryStart + 1)
          .split('&')
          .filter((part) => part !== '' && part.split('=')[0] !== 'token');
  return `${path}?${[...kept, `token=${encodeURIComponent(bizToken)}`].join('&')}`;
}

/**
 * Where the page sends the user back: `redirectUrl` with `token=<BizToken>` appended. When the URL routes in
 * its hash (`http://host/#/pages/face-verify/index?x=1`, Taro H5's hash router), the token goes inside the hash,
 * where the page's `useRouter().params` reads it; otherwise into the query, before any hash. Tencent documents
 * the `token` parameter, not where it puts it in a hash-routed URL: this is the stand-in's choice.
 *
 * @example
 * redirectWithToken('https://a.example/#/pages/v/index?x=1', 'T') // 'https://a.example/#/pages/v/index?x=1&token=T'
 */
export function redirectWithToken(redirectUrl: string, bizToken: string): string {
  const hashStart = redirectUrl.indexOf('#');
  const hash = hashStart === -1 ? '' : redirectUrl.slice(hashStart);
  const beforeHash = hashStart === -1 ? redirectUrl : redirectUrl.slice(0, hashStart);
  if (hash.startsWith('#/')) return `${beforeHash}#${setTokenParam(hash.slice(1), bizToken)}`;
  return `${setTokenParam(beforeHash, bizToken)}${hash}`;
}
