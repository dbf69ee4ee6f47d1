/**
 * With the demo server (`E2E_SERVER=1 node scripts/e2e.mjs`): the preview's credential really goes to the
 * server, which judges it (WeChat's verdict through the local stand-in, freshness, replay), and the request
 * carries the credential only, never the name or ID number. Skipped on the in-browser mock backend.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fillAndStart, openBrowser, openVerification, outcomeOf, VALID_ID } from './browser.mjs';

const API = process.env.E2E_API ?? '';
const skip = API ? false : 'runs with E2E_SERVER=1 (the demo server)';

let browser;
before(async () => {
  if (API) browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Runs the scenario to its end and returns the verify call the page made: its body and the server's answer. */
async function verifyCall(scenario) {
  const { page } = browser;
  await openVerification(page, `scenario=${scenario}`);
  const call = page.waitForResponse((response) => response.url() === `${API}/api/face/verify` && response.request().method() === 'POST');
  const outcome = await fillAndStart(page);
  const response = await call;
  return { outcome, body: response.request().postData() ?? '', answer: await response.json() };
}

test('success: the server accepts the credential; only the credential is sent', { skip }, async () => {
  const { outcome, body, answer } = await verifyCall('success');
  assert.equal(outcome, 'success');
  assert.equal(answer.ok, true);
  assert.deepEqual(Object.keys(JSON.parse(body)).sort(), ['platform', 'verify_result']);
  assert.ok(!body.includes(VALID_ID) && !body.includes('张三'), 'no name or ID number in the request');
  browser.assertNoPageErrors();
});

test('face-mismatch: the server says no (10004) and the page says why', { skip }, async () => {
  const { outcome, answer } = await verifyCall('face-mismatch');
  assert.equal(outcome, 'failed');
  assert.equal(answer.ok, false);
  assert.equal(Number(answer.code), 10004);
  browser.assertNoPageErrors();
});

/** A ticket flow (no form): the page asks the demo server for a ticket, captures, and the server judges it. */
async function ticketCall(query) {
  const { page } = browser;
  await openVerification(page, `form=0&${query}`);
  const ticket = page.waitForResponse((response) => response.url() === `${API}/api/face/ticket`);
  const call = page.waitForResponse((response) => response.url() === `${API}/api/face/verify` && response.request().method() === 'POST');
  const outcome = await outcomeOf(page, () => page.click('#fv-start'));
  return {
    outcome,
    ticket: await (await ticket).json(),
    body: JSON.parse((await call).request().postData() ?? '{}'),
    answer: await (await call).json(),
  };
}

test('v1 ticket: a userIdKey from the server, checked against the user it was issued for', { skip }, async () => {
  const { outcome, ticket, answer } = await ticketCall('scenario=success');
  assert.equal(outcome, 'success');
  assert.match(ticket.userIdKey, /\S/);
  assert.equal(answer.ok, true);
  browser.assertNoPageErrors();
});

test('v2: verifyId from the server; the outcome of the simulated capture reaches queryverifyinfo', { skip }, async () => {
  const ok = await ticketCall('protocol=v2&scenario=success');
  assert.equal(ok.outcome, 'success');
  assert.deepEqual(Object.keys(ok.body).sort(), ['out_seq_no', 'platform', 'verify_id']);
  assert.equal(ok.body.verify_id, ok.ticket.verifyId);
  assert.equal(ok.answer.ok, true);
  const mismatch = await ticketCall('protocol=v2&scenario=face-mismatch');
  assert.equal(mismatch.outcome, 'failed');
  assert.equal(Number(mismatch.answer.code), 10004);
  browser.assertNoPageErrors();
});
