/**
 * Review (4xx/5xx mapping): "not logged in" written the way the README writes `expect`.
 *
 * The README's verify handler returns `user && { userId: user.id, … }`. Where the app's session lookup gives
 * `undefined` for a logged-out request (a common shape: `req.session.user`), that expression is `undefined`, not
 * `null`: the handler throws a TypeError and answers 500 `internal_error` (and reports an error to `onError` on
 * every anonymous request) instead of 401 `unauthenticated`. Fails closed, but a client condition is a 5xx.
 */
import { createMockCredential, createVerifyHandler, type VerifyExpectation } from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, postJson, USER } from './helpers';

describe('review: expect() for a logged-out request, as the README writes it', () => {
  // FINDING (low): expected 401 for a logged-out request whatever falsy value the README's `user && {…}` yields;
  // e.g. treat `undefined` (and `false`) like `null`, or change the README examples to `user ? {…} : null`.
  it('answers 401, not 500, when `user && {…}` is undefined', async () => {
    const { api, mock } = inProcessWeChat();
    const errors: unknown[] = [];
    const sessionUser = async (_request: Request): Promise<{ id: string; name: string; idCardNumber: string } | undefined> => undefined;
    const verify = createVerifyHandler({
      api,
      onError: (error) => void errors.push(error),
      expect: async (request) => {
        const user = await sessionUser(request);
        return (user && { userId: user.id, name: user.name, idCardNumber: user.idCardNumber }) as VerifyExpectation | null;
      },
    });
    const answer = await answerOf(await verify(postJson({ verify_result: createMockCredential({ ...USER }) })));
    expect(mock.calls.getinfo).toBeUndefined();
    expect(answer).toMatchObject({ status: 401, body: { ok: false, code: 'unauthenticated' } });
    expect(errors).toEqual([]);
  });
});
