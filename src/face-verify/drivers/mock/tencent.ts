/**
 * The mock Tencent Cloud FaceID driver: the real H5 driver (pending record, return, resume, failure table) over
 * the tab's real address bar and session storage, with a fake Tencent Cloud behind the mock backend. Its
 * "verification page" is this page again: the preview makes a real redirect round trip and resumes like the
 * real driver.
 */
import { systemClock } from '../../core/clock';
import type { FaceDriver } from '../../core/ports';
import type { Clock } from '../../core/types';
import { globalBrowser, type TencentBrowser } from '../tencent/browser';
import { withTencentPort } from '../tencent/driver';
import {
  isMockTencentScenarioName,
  MOCK_TENCENT_SCENARIOS,
  type MockTencentScenario,
  type MockTencentScenarioName,
} from './tencent-scenarios';
import type { MockPlatformServer } from './backend';
import { createMockTencentServer, type MockTencentServer } from './tencent-server';

/** Options of {@link createMockTencentDriver}. */
export interface MockTencentDriverOptions {
  /** A scenario name, or a scenario of your own. @default 'success' */
  scenario?: MockTencentScenarioName | MockTencentScenario;
  /** The browser. @default the tab's own (`location`, `history`, `sessionStorage`) */
  browser?: TencentBrowser | null;
  /** Time for the pending record and token names. @default the global clock */
  clock?: Clock;
  /** Accepted for the same options as the other mocks; the round trip itself takes a page load. @default 0 */
  latencyMs?: number;
  /** Accepted for the same options as the other mocks. @default 0 */
  captureMs?: number;
}

/** The Tencent H5 driver over the tab, with the fake Tencent Cloud the mock backend asks. */
export interface MockTencentDriver extends FaceDriver {
  readonly scenarioName: string;
  readonly scenario: MockTencentScenario;
  /** The fake Tencent Cloud. */
  readonly tencentServer: MockTencentServer;
  /** The same, as the mock backend asks any platform's fake server. */
  readonly platformServer: MockPlatformServer;
}

/**
 * The tab's browser, with a round trip that always loads the page again: the "verification page" is this page,
 * and a hash-only change would not load it (a hash router would show it in place, racing the reload).
 */
function reloadingBrowser(found: TencentBrowser): TencentBrowser {
  return {
    ...found,
    navigate(url) {
      const sameDocument = url.split('#')[0] === found.href().split('#')[0];
      if (sameDocument && found.reload) found.reload(url);
      else found.navigate(url);
    },
  };
}

/**
 * A simulated Tencent Cloud FaceID for the H5 preview and tests.
 * @example
 * const driver = createMockTencentDriver({ scenario: 'low-similarity' });
 * const backend = createMockBackend({ driver });
 * const flow = createFaceVerify({ driver, ticketEndpoint: backend.ticketEndpoint, endpoint: backend.endpoint });
 */
export function createMockTencentDriver(options: MockTencentDriverOptions = {}): MockTencentDriver {
  const chosen = options.scenario ?? 'success';
  if (typeof chosen === 'string' && !isMockTencentScenarioName(chosen)) {
    throw new TypeError(`Unknown mock Tencent scenario "${chosen}". Known: ${Object.keys(MOCK_TENCENT_SCENARIOS).join(', ')}.`);
  }
  const scenario = typeof chosen === 'string' ? MOCK_TENCENT_SCENARIOS[chosen] : chosen;
  const scenarioName = typeof chosen === 'string' ? chosen : 'custom';
  const clock = options.clock ?? systemClock;
  const found = options.browser === undefined ? globalBrowser() : options.browser;
  const browser = found === null || typeof found === 'string' ? null : reloadingBrowser(found);
  const driver = withTencentPort({ browser, clock }, { name: 'mock-tencent', mock: true });
  const tencentServer = createMockTencentServer({
    scenario,
    scenarioName,
    storage: () => browser?.storage ?? null,
    href: () => browser?.href() ?? '',
    clock,
  });
  const platformServer: MockPlatformServer = {
    platform: 'tencent',
    issue: () => tencentServer.issue(),
    verify: (payload) =>
      'biz_token' in payload ? tencentServer.verify(payload.biz_token) : { ok: false, code: 'unknown_ticket', message: 'not a BizToken' },
  };
  return Object.assign(driver, { scenarioName, scenario, tencentServer, platformServer });
}
