/**
 * The stand-in's HTTP surface, as a Web handler: the token endpoints and the four face endpoints, with
 * WeChat's answer shapes and error codes.
 */
import { normalizeIdCardNumber } from '../../../contract';
import { decodeMockCredential } from '../../../drivers/mock/credential';
import { certHashOf } from '../cert-hash';
import { constantTimeEqual, md5Hex } from '../../digest';
import { isRecord } from '../../http/io';
import type { MockRegistry } from './registry';

type Json = Record<string, unknown>;

const answer = (body: Json, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; encoding=utf-8' } });
const fail = (errcode: number, errmsg: string) => answer({ errcode, errmsg });
const ok = (fields: Json) => answer({ errcode: 0, errmsg: 'ok', ...fields });
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Another person, for the `identity-mismatch` scenario. */
const OTHER_PERSON = { nameMd5: md5Hex('王五'), idMd5: md5Hex('44030619900101123X'), openid: 'oMockOtherUser00000000000000' };

async function jsonBody(request: Request): Promise<Json | null> {
  try {
    const value: unknown = JSON.parse(await request.text());
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function token(registry: MockRegistry, url: URL): Response {
  const { appId, appSecret } = registry.options;
  if (url.searchParams.get('grant_type') !== 'client_credential') return fail(40002, 'invalid grant_type');
  if (url.searchParams.get('appid') !== appId) return fail(40013, 'invalid appid');
  if (url.searchParams.get('secret') !== appSecret) return fail(40125, 'invalid appsecret');
  return answer(registry.classicToken());
}

function stableToken(registry: MockRegistry, body: Json | null): Response {
  const { appId, appSecret } = registry.options;
  if (body === null) return fail(47001, 'data format error');
  if (body.grant_type !== 'client_credential') return fail(40002, 'invalid grant_type');
  if (body.appid !== appId) return fail(40013, 'invalid appid');
  if (body.secret !== appSecret) return fail(40125, 'invalid appsecret');
  return answer(registry.stable(body.force_refresh === true));
}

function getUserIdKey(registry: MockRegistry, body: Json): Response {
  if (!nonEmpty(body.name) || !nonEmpty(body.id_card_number)) return fail(84006, 'name or id_card_number empty');
  const outSeqNo = nonEmpty(body.out_seq_no) ? { outSeqNo: body.out_seq_no } : {};
  return ok(
    registry.registerUserKey({ nameMd5: md5Hex(body.name), idMd5: md5Hex(normalizeIdCardNumber(body.id_card_number)), ...outSeqNo }),
  );
}

function getInfo(registry: MockRegistry, body: Json): Response {
  const claims = decodeMockCredential(body.verify_result);
  if (claims === null) return fail(84001, 'invalid identify id');
  let digests: { nameMd5?: string; idMd5?: string } = { nameMd5: claims.nameMd5, idMd5: claims.idMd5 };
  if (claims.userIdKey !== undefined) {
    const record = registry.userKeys.get(claims.userIdKey);
    if (record === undefined) return fail(84001, 'invalid identify id');
    if (record.expiresAt <= registry.options.now()) return fail(84002, 'user info expired');
    digests = record;
  }
  if (registry.scenario === 'expired-user-info') return fail(84002, 'user info expired');
  if (!digests.nameMd5 || !digests.idMd5) return fail(84006, 'name or id_card_number empty');
  const mismatch = registry.scenario === 'identity-mismatch';
  const time = registry.captureTime(claims.nonce, `${digests.nameMd5}:${digests.idMd5}`, claims.time);
  return ok({
    identify_ret: registry.scenario === 'identify-ret-failure' ? 10004 : claims.ret,
    identify_time: time,
    validate_data: claims.digits ?? '',
    openid: mismatch ? OTHER_PERSON.openid : registry.options.openid,
    user_id_key: claims.userIdKey ?? '',
    finish_time: time,
    name_utf8_md5: mismatch ? OTHER_PERSON.nameMd5 : digests.nameMd5,
    id_card_number_md5: mismatch ? OTHER_PERSON.idMd5 : digests.idMd5,
  });
}

function getVerifyId(registry: MockRegistry, body: Json): Response {
  const cert = body.cert_info;
  if (!nonEmpty(body.out_seq_no) || !nonEmpty(body.openid) || !isRecord(cert)) return fail(47001, 'data format error');
  if (cert.cert_type !== 'IDENTITY_CARD') return fail(47001, 'data format error: cert_type');
  if (!nonEmpty(cert.cert_name) || !nonEmpty(cert.cert_no)) return fail(84006, 'name or id_card_number empty');
  return ok(
    registry.registerVerifyId({
      certHash: certHashOf(cert.cert_type, cert.cert_name, cert.cert_no),
      openid: body.openid,
      outSeqNo: body.out_seq_no,
    }),
  );
}

function queryVerifyInfo(registry: MockRegistry, body: Json): Response {
  const record = nonEmpty(body.verify_id) ? registry.verifyIds.get(body.verify_id) : undefined;
  if (record === undefined) return fail(84001, 'invalid verify id');
  if (record.expiresAt <= registry.options.now() || registry.scenario === 'expired-user-info') return fail(84002, 'user info expired');
  const same = (value: unknown, expected: string) => typeof value === 'string' && constantTimeEqual(value, expected);
  const matches = same(body.cert_hash, record.certHash) && same(body.openid, record.openid) && same(body.out_seq_no, record.outSeqNo);
  // WeChat documents that a mismatch comes back as an errcode, not which one: the stand-in uses 84003.
  if (!matches || registry.scenario === 'identity-mismatch')
    return fail(84003, 'user info not found: cert_hash, openid or out_seq_no mismatch');
  return ok({ verify_ret: registry.scenario === 'identify-ret-failure' ? 10004 : (record.captureRet ?? 10000) });
}

/** Not a WeChat API: the simulated phone's report of how a v2 capture ended (`{ verify_id, verify_ret }`). */
function reportCapture(registry: MockRegistry, body: Json): Response {
  const verifyRet = body.verify_ret;
  if (!nonEmpty(body.verify_id) || typeof verifyRet !== 'number' || !Number.isInteger(verifyRet)) return fail(47001, 'data format error');
  return registry.reportCapture(body.verify_id, verifyRet) ? ok({}) : fail(84001, 'invalid verify id');
}

const FACE_ROUTES: Record<string, (registry: MockRegistry, body: Json) => Response> = {
  getuseridkey: getUserIdKey,
  getinfo: getInfo,
  getverifyid: getVerifyId,
  queryverifyinfo: queryVerifyInfo,
};

/** Where the stand-in takes the simulated phone's v2 capture reports. */
export const MOCK_CAPTURE_REPORT_PATH = 'mock/v2-capture';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stand-in as a Web handler. */
export function createMockRoutes(registry: MockRegistry): (request: Request) => Promise<Response> {
  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/+/, '');
    if (path === 'cgi-bin/token' && request.method === 'GET') {
      registry.count('token');
      return registry.takeBusy() ? fail(-1, 'system error') : token(registry, url);
    }
    if (path === 'cgi-bin/stable_token' && request.method === 'POST') {
      registry.count('stable_token');
      const body = await jsonBody(request);
      return registry.takeBusy() ? fail(-1, 'system error') : stableToken(registry, body);
    }
    if (path === MOCK_CAPTURE_REPORT_PATH && request.method === 'POST') {
      const body = await jsonBody(request);
      return body === null ? fail(47001, 'data format error') : reportCapture(registry, body);
    }
    const face = /^cityservice\/face\/identify\/([a-z]+)$/.exec(path)?.[1];
    const handler = face === undefined ? undefined : FACE_ROUTES[face];
    if (face === undefined || handler === undefined || request.method !== 'POST')
      return answer({ errcode: 40066, errmsg: 'invalid url' }, 404);
    registry.count(face);
    const body = await jsonBody(request);
    if (registry.takeBusy()) return fail(-1, 'system error');
    const tokenErrcode = registry.useToken(url.searchParams.get('access_token'));
    if (tokenErrcode === 41001) return fail(41001, 'access_token missing');
    if (tokenErrcode === 40001) return fail(40001, 'invalid credential, access_token is invalid or not latest');
    if (tokenErrcode === 42001) return fail(42001, 'access_token expired');
    if (body === null) return fail(47001, 'data format error');
    return handler(registry, body);
  }

  return async (request) => {
    if (registry.scenario === 'slow') await delay(registry.options.slowMs);
    try {
      return await route(request);
    } catch {
      return answer({ errcode: -1, errmsg: 'system error' }, 500);
    }
  };
}
