/**
 * The flow core imports neither React nor Taro nor `wx`: loading and running it with those modules made
 * to explode proves it.
 */
const explode = (name: string) => () => {
  throw new Error(`${name} must not be loaded by the flow core`);
};

describe('the flow core is platform-free', () => {
  it('runs a whole verification with React, Taro and wx unavailable', async () => {
    jest.resetModules();
    for (const name of ['react', 'react-dom', 'zustand/react', '@tarojs/taro', '@tarojs/components']) {
      jest.doMock(name, explode(name), { virtual: true });
    }
    expect(typeof (globalThis as { wx?: unknown }).wx).toBe('undefined');

    /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- loaded after the mocks above, on purpose */
    const { createFaceVerify } = require('../../src/face-verify/core/flow') as typeof import('../../src/face-verify/core/flow');
    const { createMockDriver } =
      require('../../src/face-verify/drivers/mock/driver') as typeof import('../../src/face-verify/drivers/mock/driver');
    const { createMockBackend } =
      require('../../src/face-verify/drivers/mock/backend') as typeof import('../../src/face-verify/drivers/mock/backend');

    const driver = createMockDriver();
    const flow = createFaceVerify({ driver, endpoint: createMockBackend({ driver }).endpoint });
    await flow.getState().start({ name: '李四', idCardNumber: '440524188001010014' });
    expect(flow.getState().status).toBe('success');
    // The same mock makes the React binding fail to load, so the mocks are live.
    expect(() => require('../../src/face-verify/react/useFaceVerify')).toThrow(/must not be loaded/);
    /* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports */
  });
});
