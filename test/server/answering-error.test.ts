/**
 * Platform errors carry their own answer, recognised by the kit's mark (shared across copies of the kit); an app's
 * error thrown from `expect` that happens to have an `httpAnswer` method is neither answered with nor logged.
 */
import { createVerifyHandler, WeChatApiError } from 'taro-face-verify/server';
import { answerOf, postJson } from './helpers';

const api = { getVerifyInfo: jest.fn(), queryVerifyInfo: jest.fn() };

function handlerThrowing(error: unknown) {
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  const verify = createVerifyHandler({
    api,
    expect: () => {
      throw error;
    },
  });
  return { verify, logged, restore: () => spy.mockRestore() };
}

it("an app's error with an httpAnswer method is a 500 whose message is neither answered nor logged", async () => {
  const appError = Object.assign(new Error('张三 11010519491231002X'), {
    httpAnswer: () => ({ status: 418, code: 'teapot', message: '张三' }),
  });
  const { verify, logged, restore } = handlerThrowing(appError);
  const answer = await answerOf(await verify(postJson({ verify_result: 'x' })));
  restore();
  expect(answer).toMatchObject({ status: 500, body: { code: 'internal_error' } });
  expect(JSON.stringify(answer.body)).not.toContain('张三');
  expect(logged.join('\n')).not.toMatch(/张三|11010519491231002X/);
});

it("a WeChat error answers 502 with its errcode, and its logged message leaves WeChat's own text out", async () => {
  const { verify, logged, restore } = handlerThrowing(
    new WeChatApiError('cityservice/face/identify/getinfo', 40001, 'text from WeChat 张三'),
  );
  const answer = await answerOf(await verify(postJson({ verify_result: 'x' })));
  restore();
  expect(answer).toMatchObject({ status: 502, body: { code: 'wechat_error', errcode: 40001 } });
  expect(logged.join('\n')).toContain('errcode 40001');
  expect(logged.join('\n')).not.toContain('张三');
});

it('a kit error made by another copy of the kit (same mark, not the same class) still answers as itself', async () => {
  const other = Object.assign(new Error('WeChat x answered errcode 45009'), {
    name: 'WeChatApiError',
    [Symbol.for('taro-face-verify.answering-error')]: true,
    httpAnswer: () => ({ status: 502, code: 'wechat_error', fields: { errcode: 45009 }, message: 'WeChat answered errcode 45009.' }),
  });
  const { verify, restore } = handlerThrowing(other);
  const answer = await answerOf(await verify(postJson({ verify_result: 'x' })));
  restore();
  expect(answer).toMatchObject({ status: 502, body: { code: 'wechat_error', errcode: 45009 } });
});
