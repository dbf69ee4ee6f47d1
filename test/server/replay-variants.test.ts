/** v1: a capture is accepted once even when its credential is re-posted spelt another way. */
import { createMemoryTicketStore, createMockCredential, createTicketHandler, createVerifyHandler } from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, nowSeconds, postJson, USER } from './helpers';

describe('v1: a credential is accepted once, however it is spelt', () => {
  it.each([
    ['a trailing newline', (c: string) => `${c}\n`],
    ['an inner space', (c: string) => `${c.slice(0, 10)} ${c.slice(10)}`],
    ['an inner line break', (c: string) => `${c.slice(0, 20)}\r\n${c.slice(20)}`],
  ])('rejects a re-post of an accepted credential with %s as replayed', async (_label, variant) => {
    const { api } = inProcessWeChat();
    const verify = createVerifyHandler({ api, expect: () => ({ ...USER }) });
    const credential = createMockCredential({ ...USER });
    expect((await answerOf(await verify(postJson({ verify_result: credential })))).body.ok).toBe(true);
    const respelt = variant(credential);
    expect(respelt).not.toBe(credential);
    expect((await answerOf(await verify(postJson({ verify_result: respelt })))).body).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('still accepts two different captures of the same user', async () => {
    const { api } = inProcessWeChat();
    const verify = createVerifyHandler({ api, expect: () => ({ ...USER }) });
    for (const time of [nowSeconds() - 30, nowSeconds() - 10]) {
      const credential = createMockCredential({ ...USER, time });
      expect((await answerOf(await verify(postJson({ verify_result: credential })))).body.ok).toBe(true);
    }
  });

  it('frees the capture for a retry when acceptance fails after WeChat answered', async () => {
    const { api } = inProcessWeChat();
    const tickets = createMemoryTicketStore();
    let failDelete = true;
    const flaky = {
      ...tickets,
      delete: async (key: string) => {
        if (failDelete) throw new Error('store down');
        await tickets.delete(key);
      },
      take: async (key: string) => {
        if (failDelete) throw new Error('store down');
        return tickets.take?.(key);
      },
    };
    const ticket = createTicketHandler({ api, identity: () => ({ ...USER }), tickets: flaky });
    const verify = createVerifyHandler({ api, tickets: flaky, expect: () => ({ ...USER }), onError: () => undefined });
    const { body } = await answerOf(await ticket(postJson({})));
    const credential = createMockCredential({ userIdKey: String(body.userIdKey) });
    expect((await verify(postJson({ verify_result: credential }))).status).toBe(500);
    failDelete = false;
    expect((await answerOf(await verify(postJson({ verify_result: `${credential}\n` })))).body.ok).toBe(true);
    expect((await answerOf(await verify(postJson({ verify_result: credential })))).body.ok).toBe(false);
  });
});
