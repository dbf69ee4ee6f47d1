/**
 * The preview's static server (scripts/support/static-server.mjs, sirv) on a folder shaped like an H5 build:
 * deep links get the app, a missing asset is a 404, nothing outside the folder is reachable, and a rebuild
 * before `serve` is picked up. No browser needed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listenStatic } from '../../scripts/support/static-server.mjs';

const INDEX = '<!doctype html><div id="app"></div>';
const SCRIPT = 'console.log("app")';

/** One request with the path sent as written (fetch would normalise `..` away). */
function get(url, path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the preview static server', () => {
  let parent;
  let dir;
  let preview;

  before(async () => {
    parent = mkdtempSync(join(tmpdir(), 'fv-static-'));
    dir = join(parent, 'h5');
    mkdirSync(join(dir, 'js'), { recursive: true });
    writeFileSync(join(parent, 'secret.txt'), 'outside the served folder');
    preview = await listenStatic({ port: 0 });
  });
  after(async () => {
    await preview?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('answers 503 until there is a build to serve, then serves the files written before serve()', async () => {
    assert.match(preview.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await get(preview.url, '/')).status, 503);
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'js', 'app.1a2b3c4d.js'), SCRIPT);
    preview.serve(dir);

    const page = await get(preview.url, '/');
    assert.equal(page.status, 200);
    assert.equal(page.body, INDEX);
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');

    const script = await get(preview.url, '/js/app.1a2b3c4d.js');
    assert.equal(script.status, 200);
    assert.equal(script.body, SCRIPT);
    assert.match(script.headers['content-type'], /^text\/javascript/);
    assert.match(script.headers['cache-control'], /immutable/);
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
  });

  it('gives a deep link without an extension the app, and a missing asset a 404', async () => {
    const deep = await get(preview.url, '/pages/face-verify/index?scenario=camera-denied');
    assert.equal(deep.status, 200);
    assert.equal(deep.body, INDEX);
    assert.equal((await get(preview.url, '/js/missing.0000.js')).status, 404);
  });

  it('never serves a file outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/js/../../secret.txt']) {
      const answer = await get(preview.url, path);
      assert.notEqual(answer.body, 'outside the served folder', path);
      assert.equal(answer.status, 404, path);
    }
  });

  it('answers only GET and HEAD', async () => {
    const post = await get(preview.url, '/', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    const head = await get(preview.url, '/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });
});
