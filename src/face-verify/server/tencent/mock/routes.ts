/**
 * The FaceID stand-in as a Web handler: the API 3.0 endpoint (`POST /`, TC3-HMAC-SHA256 checked on every
 * request, actions DetectAuth and GetDetectInfoEnhanced, Tencent's `{ Response }` shapes and error codes) and
 * the verification page (`/verify`).
 */
import { randomUUID } from 'node:crypto';
import { constantTimeEqual } from '../../digest';
import { isRecord, readText } from '../../http/io';
import { resultText } from './outcomes';
import { messagePageHtml, MOCK_TENCENT_VERIFY_PATH, redirectWithToken, verifyPageHtml } from './page';
import { isMockTencentScenario, type MockTencentRegistry } from './registry';
import { parseTc3Authorization, tc3Date, tc3Signature } from './signing';

/** The API version the stand-in serves (faceid 2018-03-01). */
export const MOCK_TENCENT_API_VERSION = '2018-03-01';
/** Tencent's window for X-TC-Timestamp: a request signed more than this many seconds away is refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;
/** DetectAuth's documented default RedirectUrl. */
const DEFAULT_REDIRECT = 'https://cloud.tencent.com/product/faceid';

type Json = Record<string, unknown>;

const json = (body: Json): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
/** Tencent answers errors with HTTP 200 and `Response.Error`. */
const apiError = (code: string, message: string): Response =>
  json({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } });
const apiAnswer = (fields: Json): Response => json({ Response: { ...fields, RequestId: randomUUID() } });
const html = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const CHINESE_ID = /^\d{17}[\dX]$/;

/** The signature check: null when the request is Tencent-valid, else the error answer. */
function checkSignature(registry: MockTencentRegistry, request: Request, body: string): Response | null {
  const auth = parseTc3Authorization(request.headers.get('authorization'));
  if (auth === null) return apiError('AuthFailure.InvalidAuthorization', 'Authorization in the request header is invalid.');
  const timestampText = request.headers.get('x-tc-timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestampText)) return apiError('MissingParameter', 'X-TC-Timestamp is missing or not a Unix time in seconds.');
  const timestamp = Number(timestampText);
  if (Math.abs(Date.now() / 1000 - timestamp) > SIGNATURE_WINDOW_SECONDS) {
    return apiError('AuthFailure.SignatureExpire', 'Signature expired. Timestamp and server time cannot differ by more than five minutes.');
  }
  const host = request.headers.get('host') ?? new URL(request.url).host;
  const hostname = host.replace(/:\d+$/, '');
  // The SDK names the service after the endpoint's first label: `faceid` for Tencent's, `127` for 127.0.0.1.
  const services = new Set(['faceid', hostname.split('.')[0] ?? '']);
  const signedHeaders = new Set(auth.signedHeaders);
  if (
    !signedHeaders.has('content-type') ||
    !signedHeaders.has('host') ||
    auth.signedHeaders.some((name) => request.headers.get(name) === null)
  ) {
    return apiError(
      'AuthFailure.InvalidAuthorization',
      'SignedHeaders must name content-type and host, and only headers the request carries.',
    );
  }
  if (!constantTimeEqual(auth.secretId, registry.settings.secretId)) {
    return apiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found. Check it in the CAM console.');
  }
  if (auth.date !== tc3Date(timestamp) || !services.has(auth.service)) {
    return apiError('AuthFailure.SignatureFailure', 'The credential scope does not match the timestamp date or the service faceid.');
  }
  const headersFor = (hostValue: string) =>
    Object.fromEntries(auth.signedHeaders.map((name) => [name, name === 'host' ? hostValue : (request.headers.get(name) ?? '')]));
  // The Node SDK signs the host without its port; Tencent's documentation signs the Host header as sent.
  const verifies = [host, hostname].some((hostValue) =>
    constantTimeEqual(
      tc3Signature(
        {
          method: request.method,
          query: new URL(request.url).search.slice(1),
          headers: headersFor(hostValue),
          payload: body,
          timestamp,
          service: auth.service,
        },
        registry.settings.secretKey,
      ),
      auth.signature,
    ),
  );
  return verifies
    ? null
    : apiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
}

function detectAuth(registry: MockTencentRegistry, origin: string, params: Json): Response {
  if (!nonEmpty(params.RuleId)) return apiError('MissingParameter', 'The request is missing a required parameter `RuleId`.');
  if (params.RuleId !== registry.settings.ruleId)
    return apiError('InvalidParameterValue.RuleIdNotExist', 'RuleId 不存在，请到人脸核身控制台申请。');
  if (!nonEmpty(params.IdCard) || !nonEmpty(params.Name))
    return apiError('InvalidParameter', 'IdCard and Name are required by this RuleId.');
  if (!CHINESE_ID.test(params.IdCard))
    return apiError('InvalidParameterValue', 'IdCard must be 18 characters, a final letter an upper-case X.');
  if ([...params.Name].length > 32) return apiError('InvalidParameterValue', 'Name must be at most 32 characters.');
  for (const key of ['RedirectUrl', 'Extra'] as const) {
    const value = params[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 1024)) {
      return apiError('InvalidParameterValue', `${key} must be a string of at most 1024 characters.`);
    }
  }
  const bizToken = registry.issue({
    ruleId: params.RuleId,
    name: params.Name,
    idCard: params.IdCard,
    redirectUrl: params.RedirectUrl as string | undefined,
    extra: params.Extra as string | undefined,
  });
  registry.count('DetectAuth');
  return apiAnswer({ Url: `${origin}${MOCK_TENCENT_VERIFY_PATH}?token=${encodeURIComponent(bizToken)}`, BizToken: bizToken });
}

function getDetectInfoEnhanced(registry: MockTencentRegistry, params: Json): Response {
  if (!nonEmpty(params.BizToken)) return apiError('MissingParameter', 'The request is missing a required parameter `BizToken`.');
  if (!nonEmpty(params.RuleId)) return apiError('MissingParameter', 'The request is missing a required parameter `RuleId`.');
  if (params.InfoType !== undefined && (typeof params.InfoType !== 'string' || !/^[0-6]+$/.test(params.InfoType))) {
    return apiError('InvalidParameterValue', 'InfoType must be digits 0–6.');
  }
  const found = registry.lookup(params.BizToken);
  if (found === undefined || found.record.ruleId !== params.RuleId)
    return apiError('InvalidParameterValue.BizTokenIllegal', 'BizToken 不合法。');
  if (found.resultGone) return apiError('InvalidParameterValue.BizTokenExpired', 'BizToken 过期。');
  registry.count('GetDetectInfoEnhanced');
  const { record, expired } = found;
  const text = resultText(record, expired);
  return apiAnswer({ Text: { ...text, Extra: record.extra ?? '', LivenessMode: text.ErrCode === 0 ? 3 : 0 } });
}

async function api(registry: MockTencentRegistry, request: Request): Promise<Response> {
  if (request.method !== 'POST') return apiError('UnsupportedProtocol', 'The stand-in takes POST requests only.');
  const body = await readText(request);
  const refused = checkSignature(registry, request, body);
  if (refused !== null) {
    registry.count('refused');
    return refused;
  }
  if (request.headers.get('x-tc-version') !== MOCK_TENCENT_API_VERSION) return apiError('NoSuchVersion', 'The API version does not exist.');
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    return apiError('InvalidParameter', 'The stand-in takes application/json bodies.');
  }
  let params: unknown;
  try {
    params = JSON.parse(body);
  } catch {
    return apiError('InvalidParameter', 'The body is not JSON.');
  }
  if (!isRecord(params)) return apiError('InvalidParameter', 'The body must be a JSON object.');
  const action = request.headers.get('x-tc-action');
  if (action === 'DetectAuth') return detectAuth(registry, new URL(request.url).origin, params);
  if (action === 'GetDetectInfoEnhanced') return getDetectInfoEnhanced(registry, params);
  return apiError('InvalidAction', 'The action does not exist.');
}

/** `GET /verify?token=…` shows the page (`&scenario=…` completes it at once); `POST /verify` takes the button. */
async function verifyPage(registry: MockTencentRegistry, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const form = request.method === 'POST' ? new URLSearchParams(await readText(request)) : url.searchParams;
  const token = form.get('token') ?? '';
  const scenario = form.get('scenario');
  const found = token === '' ? undefined : registry.lookup(token);
  if (found === undefined) return html(404, messagePageHtml('核身令牌无效 Unknown token', '请从应用重新开始。Start again from the app.'));
  if (found.expired) return html(410, messagePageHtml('核身令牌已过期 Token expired', '请从应用重新开始。Start again from the app.'));
  if (found.record.outcome !== undefined) {
    return html(409, messagePageHtml('本次核身已完成 Already completed', '每个令牌只能核身一次。A token verifies once.'));
  }
  if (scenario === null) {
    registry.count('page');
    return html(200, verifyPageHtml(token));
  }
  if (!isMockTencentScenario(scenario))
    return html(400, messagePageHtml('未知的结果 Unknown outcome', `scenario must be one of the page's buttons.`));
  registry.complete(token, scenario);
  const location = redirectWithToken(found.record.redirectUrl ?? DEFAULT_REDIRECT, token);
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/** The stand-in as a Web handler. */
export function createMockTencentRoutes(registry: MockTencentRegistry): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname;
    try {
      if (path === '/') return await api(registry, request);
      if (path === MOCK_TENCENT_VERIFY_PATH && (request.method === 'GET' || request.method === 'POST'))
        return await verifyPage(registry, request);
      return new Response(JSON.stringify({ ok: false, message: `No route ${request.method} ${path}.` }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    } catch {
      return apiError('InternalError', 'The stand-in failed.');
    }
  };
}
