/**
 * A local stand-in for Alipay's open gateway (openapi.alipay.com/gateway.do) for face verification:
 * initialize, the certify page and query, with Alipay's answer shapes, RSA2 checks on every request, answers
 * signed with a key pair made at start-up, and scenarios. Drive it with the real alipay-sdk.
 */
import { listenLoopback } from '../../http/loopback-server';
import { MOCK_ALIPAY_APP_ID, MockAlipayRegistry, type MockAlipayOptions, type MockAlipayGatewayScenario } from './registry';
import { createMockAlipayRoutes, MOCK_ALIPAY_GATEWAY_PATH } from './routes';
import { generateRsaKeyPair } from './signing';

/** The Alipay stand-in, in process: where it answers, its keys, its state and its scenario switch. */
export interface MockAlipay {
  /** Its origin, e.g. `http://127.0.0.1:16150`. */
  readonly url: string;
  /** alipay-sdk's `gateway` option: `${url}/gateway.do`. */
  readonly gateway: string;
  /** A `fetch` that reaches the stand-in without a socket. */
  readonly fetch: typeof fetch;
  /** The stand-in as a Web handler. */
  readonly handle: (request: Request) => Promise<Response>;
  /** alipay-sdk's `appId`. */
  readonly appId: string;
  /** The stand-in's public key (PEM), made at start-up: alipay-sdk's `alipayPublicKey`. */
  readonly alipayPublicKey: string;
  /** The app private key (PKCS#1 PEM) the stand-in made, when no `appPublicKey` was given: alipay-sdk's `privateKey`. */
  readonly appPrivateKey: string | undefined;
  /** Calls per method (`initialize`, `certify`, `query`) and `refused` requests. */
  readonly calls: Readonly<Record<string, number>>;
  readonly scenario: MockAlipayGatewayScenario;
  setScenario(scenario: MockAlipayGatewayScenario): void;
  /** Records how the simulated capture for `certifyId` ended (as a POST to `MOCK_ALIPAY_CAPTURE_REPORT_PATH` does); false when unknown. */
  reportCapture(certifyId: string, passed: boolean): boolean;
  /** Whether the certify page for `certifyId` was opened (undefined: not issued by this stand-in). */
  certifyPageOpened(certifyId: string): boolean | undefined;
}

/** The Alipay stand-in listening on loopback, from {@link startMockAlipay}. */
export interface MockAlipayServer extends MockAlipay {
  close(): Promise<void>;
}

interface Parts {
  registry: MockAlipayRegistry;
  handle: (request: Request) => Promise<Response>;
  appPrivateKey: string | undefined;
}

function createParts(options: MockAlipayOptions): Parts {
  const appKeys = options.appPublicKey === undefined ? generateRsaKeyPair() : undefined;
  const registry = new MockAlipayRegistry({
    scenario: options.scenario ?? 'passed',
    appId: options.appId ?? MOCK_ALIPAY_APP_ID,
    appPublicKey: options.appPublicKey ?? (appKeys as { publicKey: string }).publicKey,
    certifyTtlSeconds: options.certifyTtlSeconds ?? 1800,
    passedShape: options.passedShape ?? 'string',
    slowMs: options.slowMs ?? 10_000,
    now: options.now ?? Date.now,
    alipayKeys: generateRsaKeyPair(),
    wrongKeys: generateRsaKeyPair(),
  });
  return { registry, handle: createMockAlipayRoutes(registry), appPrivateKey: appKeys?.privateKey };
}

function assemble({ registry, handle, appPrivateKey }: Parts, url: string): MockAlipay {
  return {
    url,
    gateway: `${url}/${MOCK_ALIPAY_GATEWAY_PATH}`,
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    appId: registry.settings.appId,
    alipayPublicKey: registry.settings.alipayKeys.publicKey,
    appPrivateKey,
    calls: registry.calls,
    get scenario() {
      return registry.scenario;
    },
    setScenario: (scenario) => {
      registry.scenario = scenario;
    },
    reportCapture: (certifyId, passed) => registry.reportCapture(certifyId, passed),
    certifyPageOpened: (certifyId) => registry.certifications.get(certifyId)?.pageOpened,
  };
}

/**
 * The stand-in in this process, without a socket (for a `fetch`-based client or a handler test). alipay-sdk
 * itself needs a real socket: use {@link startMockAlipay} for it.
 *
 * @example
 * const alipay = createMockAlipay({ scenario: 'not-passed' });
 * const page = await alipay.fetch(`${alipay.gateway}?…`);
 */
export function createMockAlipay(options: MockAlipayOptions = {}): MockAlipay {
  return assemble(createParts(options), 'http://mock-alipay.invalid');
}

/**
 * Starts the stand-in on 127.0.0.1 (port 0: a free one) over real HTTP.
 *
 * @example
 * const mock = await startMockAlipay();
 * const sdk = new AlipaySdk({ appId: mock.appId, privateKey: mock.appPrivateKey!, alipayPublicKey: mock.alipayPublicKey, gateway: mock.gateway });
 * const alipay = createAlipayApi({ sdk });
 * // …
 * await mock.close();
 */
export async function startMockAlipay(options: MockAlipayOptions & { port?: number; host?: string } = {}): Promise<MockAlipayServer> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const parts = createParts(rest);
  const { url, close } = await listenLoopback(parts.handle, port, host);
  return Object.defineProperty(assemble(parts, url), 'close', { value: close, enumerable: true }) as MockAlipayServer;
}
