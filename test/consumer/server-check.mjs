// A backend of the consumer app, in plain Node ESM: imports taro-face-verify/server from the installed package and
// answers verify requests against the local WeChat stand-in, over real HTTP. Exits non-zero on any surprise.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createVerifyHandler, createWeChatApi, startMockWeChat, toNodeListener } from 'taro-face-verify/server';
import { decodeMockCredential, encodeMockCredential } from 'taro-face-verify/mock';

const md5 = (text) => createHash('md5').update(text, 'utf8').digest('hex');
const user = { name: '张三', idCardNumber: '11010519491231002X' };

/** A credential as the mock driver makes it: what WeChat's getinfo will report for this capture. */
function credentialFor(identity, claims = {}) {
  return encodeMockCredential({
    ret: 0,
    time: Math.floor(Date.now() / 1000),
    nonce: randomBytes(8).toString('hex'),
    nameMd5: md5(identity.name),
    idMd5: md5(identity.idCardNumber.toUpperCase()),
    ...claims,
  });
}

const wechat = await startMockWeChat();
const api = createWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, baseUrl: wechat.url });
// The app's session says who the user is; here every request is this user's.
const verify = createVerifyHandler({ api, expect: () => ({ name: user.name, idCardNumber: user.idCardNumber }), onError: () => {} });
const backend = createServer(toNodeListener(verify));
await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${backend.address().port}/api/face/verify`;

async function post(body) {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const results = [];
async function check(title, body, expected) {
  const answer = await post(body);
  try {
    assert.equal(answer.body.ok, expected.ok, `${title}: ok`);
    if (expected.status) assert.equal(answer.status, expected.status, `${title}: HTTP status`);
    if (expected.problem)
      assert.ok(JSON.stringify(answer.body).includes(expected.problem), `${title}: ${expected.problem} in ${JSON.stringify(answer.body)}`);
    results.push({ title, passed: true, answer });
    console.log(`  ✓ ${title}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  } catch (error) {
    results.push({ title, passed: false, answer });
    console.log(`  ✗ ${title}: HTTP ${answer.status} ${JSON.stringify(answer.body)}\n    ${error.message}`);
  }
}

try {
  const good = credentialFor(user);
  assert.ok(decodeMockCredential(good), 'the mock entry decodes what it encodes');
  await check('good credential', { verify_result: good }, { ok: true, status: 200 });
  await check('the same credential again (replay)', { verify_result: good }, { ok: false, problem: 'replayed' });
  await check('forged credential', { verify_result: 'forged.' + randomBytes(24).toString('base64url') }, { ok: false });
  await check(
    "someone else's capture",
    { verify_result: credentialFor({ name: '李四', idCardNumber: '110105194912310021' }) },
    { ok: false, problem: 'mismatch' },
  );
  await check('face did not match (identify_ret 10004)', { verify_result: credentialFor(user, { ret: 10004 }) }, { ok: false });
  await check('malformed body', { nothing: true }, { ok: false, status: 400 });
  assert.ok((wechat.calls.getinfo ?? 0) >= 3, `getinfo reached the stand-in (${wechat.calls.getinfo ?? 0} calls)`);

  // CommonJS users get the same entry.
  const cjs = createRequire(import.meta.url)('taro-face-verify/server');
  assert.equal(typeof cjs.createVerifyHandler, 'function', 'require("taro-face-verify/server").createVerifyHandler');
  console.log('  ✓ require("taro-face-verify/server") gives the same API');
} catch (error) {
  results.push({ title: error.message, passed: false });
  console.log(`  ✗ ${error.message}`);
} finally {
  backend.close();
  await wechat.close();
}

const failed = results.filter((r) => !r.passed).length;
console.log(`server-check: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
