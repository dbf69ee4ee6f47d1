/**
 * The Alipay stand-in as a Web handler: the v2 gateway (`/gateway.do`) for initialize, the certify page and
 * query, refusing any request whose RSA2 signature does not verify with the app's public key, and signing
 * every answer; plus the preview's capture report (not an Alipay API).
 */
import { isRecord, readText } from '../../http/io';
import { errorToResponse } from '../../http/errors';
import { identityDigestOf, type MockAlipayRegistry } from './registry';
import { appendUnsignedNode, gatewayAnswerText, requestSignContent, responseKeyOf, rsa2Verify } from './signing';

/** Where the gateway answers, as alipay-sdk's `gateway` expects it (`http://127.0.0.1:PORT/gateway.do`). */
export const MOCK_ALIPAY_GATEWAY_PATH = 'gateway.do';
/** Where the stand-in takes the simulated phone's report of a capture (`{ certify_id, passed: boolean }`). */
export const MOCK_ALIPAY_CAPTURE_REPORT_PATH = 'mock/alipay-capture';

const INITIALIZE = 'alipay.user.certify.open.initialize';
const CERTIFY = 'alipay.user.certify.open.certify';
const QUERY = 'alipay.user.certify.open.query';
const BIZ_CODES: ReadonlySet<string> = new Set(['FACE', 'CERT_PHOTO', 'CERT_PHOTO_FACE', 'SMART_FACE']);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

type Node = Record<string, unknown>;
const SUCCESS: Node = { code: '10000', msg: 'Success' };
const failure = (code: string, msg: string, subCode: string, subMsg: string): Node => ({ code, msg, sub_code: subCode, sub_msg: subMsg });
const missing = (name: string) => failure('40001', 'Missing Required Arguments', `isv.missing-${name}`, `缺少参数 ${name}`);
const invalid = (name: string) => failure('40002', 'Invalid Arguments', `isv.invalid-${name}`, `参数无效 ${name}`);
const business = (subCode: string, subMsg: string) => failure('40004', 'Business Failed', subCode, subMsg);

const jsonText = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'content-type': 'application/json;charset=utf-8' } });
const html = (status: number, title: string): Response =>
  new Response(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1></html>`, {
    status,
    headers: { 'content-type': 'text/html;charset=utf-8' },
  });

/** Reads the gateway parameters from the query and, for a form POST, the body; null when a name repeats. */
async function gatewayParams(request: Request): Promise<Record<string, string> | null | Response> {
  const params: Record<string, string> = {};
  const add = (entries: URLSearchParams): boolean => {
    for (const [key, value] of entries) {
      if (key in params) return false;
      params[key] = value;
    }
    return true;
  };
  if (!add(new URL(request.url).searchParams)) return null;
  if (request.method === 'POST') {
    const body = await bodyText(request);
    if (typeof body !== 'string') return body;
    if (!add(new URLSearchParams(body))) return null;
  }
  return params;
}

function bizContentOf(params: Record<string, string>): Node | null {
  try {
    const value: unknown = JSON.parse(params.biz_content ?? '');
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function initialize(registry: MockAlipayRegistry, biz: Node): Node {
  const orderNo = biz.outer_order_no;
  if (!nonEmpty(orderNo)) return missing('outer-order-no');
  if (!/^[A-Za-z0-9]{1,32}$/.test(orderNo)) return invalid('outer-order-no');
  if (!nonEmpty(biz.biz_code)) return missing('biz-code');
  if (!BIZ_CODES.has(biz.biz_code)) return invalid('biz-code');
  // Nested JSON strings are refused, as Alipay refuses them: identity_param and merchant_config are objects.
  const identity = biz.identity_param;
  if (!isRecord(identity)) return invalid('identity-param');
  if (identity.identity_type !== 'CERT_INFO') return invalid('identity-type');
  if (!nonEmpty(identity.cert_type) || !nonEmpty(identity.cert_name) || !nonEmpty(identity.cert_no)) return missing('cert-info');
  const config = biz.merchant_config;
  if (!isRecord(config) || typeof config.return_url !== 'string') return invalid('merchant-config');
  const certifyId = registry.issue({
    outerOrderNo: orderNo,
    bizCode: biz.biz_code,
    identityDigest: identityDigestOf(identity.cert_type, identity.cert_name, identity.cert_no),
  });
  // Alipay documents outer_order_no as unique per merchant, not the code for a repeat: this one is the stand-in's.
  if (certifyId === null) return business('OUTER_ORDER_NO_DUPLICATE', '商户请求唯一标识重复');
  return { ...SUCCESS, certify_id: certifyId };
}

function query(registry: MockAlipayRegistry, biz: Node): Node {
  if (!nonEmpty(biz.certify_id)) return missing('certify-id');
  const found = registry.lookup(biz.certify_id);
  // The code for an id Alipay never issued is not documented: this one is the stand-in's.
  if (found === undefined) return business('CERTIFY_ID_NOT_EXIST', '认证单据不存在');
  if (found.expired) return business('CERTIFY_ID_EXPIRED', '认证已失效');
  const flag = registry.passedFor(found.record) ? 'T' : 'F';
  return {
    ...SUCCESS,
    passed: registry.settings.passedShape === 'array' ? [flag] : flag,
    identity_info: '',
    material_info: '',
  };
}

/** The certify page the capture opens: HTML, as Alipay's custweb page (here without the face capture itself). */
function certifyPage(registry: MockAlipayRegistry, biz: Node): Response {
  if (!nonEmpty(biz.certify_id)) return html(400, '缺少认证单据 missing certify_id');
  const found = registry.lookup(biz.certify_id);
  if (found === undefined) return html(404, '认证单据不存在 unknown certify_id');
  if (found.expired) return html(410, '认证已失效 certification expired');
  found.record.pageOpened = true;
  return html(200, '支付宝身份验证（模拟） Alipay face verification (stand-in)');
}

async function gateway(registry: MockAlipayRegistry, request: Request): Promise<Response> {
  const params = await gatewayParams(request);
  if (params instanceof Response) return params;
  // Requests Alipay cannot attribute to an app get an unsigned error_response (the pitfall alipay-sdk trips on).
  const unsigned = (node: Node) => {
    registry.count('refused');
    return jsonText(200, gatewayAnswerText('error_response', node));
  };
  if (params === null) return unsigned(invalid('parameters'));
  const method = params.method;
  if (!nonEmpty(method)) return unsigned(missing('method'));
  if (!nonEmpty(params.app_id)) return unsigned(missing('app-id'));
  if (params.app_id !== registry.settings.appId) return unsigned(invalid('app-id'));
  if (![INITIALIZE, CERTIFY, QUERY].includes(method)) return unsigned(invalid('method'));

  const signed = (node: Node) => jsonText(200, gatewayAnswerText(responseKeyOf(method), node, registry.signingKey));
  const refused = (node: Node) => {
    registry.count('refused');
    return method === CERTIFY ? html(400, `${String(node.sub_code)}`) : signed(node);
  };
  if (params.sign_type !== 'RSA2') return refused(invalid('signature-type'));
  if (!nonEmpty(params.sign)) return refused(missing('signature'));
  if (!rsa2Verify(requestSignContent(params), params.sign, registry.settings.appPublicKey)) return refused(invalid('signature'));
  if (!nonEmpty(params.timestamp) || !TIMESTAMP.test(params.timestamp)) return refused(invalid('timestamp'));
  if (params.charset !== undefined && params.charset.toLowerCase() !== 'utf-8') return refused(invalid('charset'));
  if (params.version !== '1.0') return refused(invalid('version'));
  const biz = bizContentOf(params);
  if (biz === null) return refused(invalid('biz-content'));

  if (method === CERTIFY) {
    registry.count('certify');
    return certifyPage(registry, biz);
  }
  if (request.method !== 'POST') return refused(invalid('http-method'));
  registry.count(method === INITIALIZE ? 'initialize' : 'query');
  if (registry.scenario === 'gateway-error') {
    return signed(failure('20000', 'Service Currently Unavailable', 'isp.unknow-error', '系统繁忙'));
  }
  if (method === INITIALIZE) return signed(initialize(registry, biz));
  const answer = query(registry, biz);
  if (registry.scenario !== 'appended-node' || answer.code !== SUCCESS.code) return signed(answer);
  const text = gatewayAnswerText(responseKeyOf(method), answer, registry.signingKey);
  return jsonText(200, appendUnsignedNode(text, responseKeyOf(method), { ...answer, passed: 'T' }));
}

/** Not an Alipay API: the simulated phone's report of how the capture for a certify id ended. */
async function reportCapture(registry: MockAlipayRegistry, request: Request): Promise<Response> {
  const body = await bodyText(request);
  if (typeof body !== 'string') return body;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    value = null;
  }
  if (!isRecord(value) || !nonEmpty(value.certify_id) || typeof value.passed !== 'boolean') {
    return jsonText(400, JSON.stringify({ ok: false, message: 'Send { "certify_id": string, "passed": boolean }.' }));
  }
  return registry.reportCapture(value.certify_id, value.passed)
    ? jsonText(200, JSON.stringify({ ok: true }))
    : jsonText(404, JSON.stringify({ ok: false, message: 'Unknown certify_id.' }));
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    // unref: a pending slow answer never keeps the process (or a test run) alive.
    setTimeout(resolve, ms).unref?.();
  });

/** The stand-in as a Web handler. */
export function createMockAlipayRoutes(registry: MockAlipayRegistry): (request: Request) => Promise<Response> {
  return async (request) => {
    if (registry.scenario === 'slow') await delay(registry.settings.slowMs);
    const path = new URL(request.url).pathname.replace(/^\/+/, '');
    try {
      if (path === MOCK_ALIPAY_GATEWAY_PATH && (request.method === 'POST' || request.method === 'GET'))
        return await gateway(registry, request);
      if (path === MOCK_ALIPAY_CAPTURE_REPORT_PATH && request.method === 'POST') return await reportCapture(registry, request);
      return jsonText(404, JSON.stringify({ ok: false, message: `No route ${request.method} /${path}.` }));
    } catch {
      return jsonText(500, JSON.stringify({ ok: false, message: 'The stand-in failed.' }));
    }
  };
}

/** The body as text, or the answer to a body that cannot be read (too large, too slow, not UTF-8). */
async function bodyText(request: Request): Promise<string | Response> {
  try {
    return await readText(request);
  } catch (error) {
    return errorToResponse(error);
  }
}
