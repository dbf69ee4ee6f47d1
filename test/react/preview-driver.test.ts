/**
 * The preview's device, chosen in one place: the platform and scenario in, the matching mock driver out, and
 * a scenario of another platform (a stale `?scenario=`) never reaching the wrong driver.
 */
import { choosePreviewDriver, previewPlatformOf, previewScenarioOf } from '../../src/face-verify/react/preview/previewDriver';

const noReport = () => undefined;
const choice = { timing: { latencyMs: 0, captureMs: 0 }, onV2Capture: noReport, onAlipayCapture: noReport };

describe('the preview driver choice', () => {
  const originalEnv = process.env.TARO_ENV;
  beforeAll(() => {
    process.env.TARO_ENV = 'h5';
  });
  afterAll(() => {
    process.env.TARO_ENV = originalEnv;
  });

  it('takes the first candidate that is a scenario of the platform, else success', () => {
    expect(previewScenarioOf('wechat', [null, 'no-such-scenario', 'camera-denied', 'user-cancel'])).toBe('camera-denied');
    expect(previewScenarioOf('alipay', ['old-wechat'])).toBe('success');
    expect(previewScenarioOf('wechat', [undefined])).toBe('success');
  });

  it('reads only the platforms it knows from the query', () => {
    expect(previewPlatformOf('alipay')).toBe('alipay');
    expect(previewPlatformOf('wechat')).toBe('wechat');
    expect(previewPlatformOf('ALIPAY')).toBeUndefined();
    expect(previewPlatformOf(undefined)).toBeUndefined();
  });

  it("makes the platform's mock driver", () => {
    expect(choosePreviewDriver({ ...choice, platform: 'alipay', scenario: 'success' })).toMatchObject({ name: 'mock-alipay', mock: true });
    expect(choosePreviewDriver({ ...choice, platform: 'wechat', scenario: 'camera-denied' })).toMatchObject({ name: 'mock', mock: true });
    // An Alipay scenario name on WeChat is not WeChat's: the simulated WeChat with its default scenario.
    expect(choosePreviewDriver({ ...choice, platform: 'wechat', scenario: 'no-such-scenario' })).toMatchObject({ name: 'mock' });
  });
});
