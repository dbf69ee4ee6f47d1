export { createMockDriver } from './drivers/mock/driver';
export type { MockCaptureSession, MockDriver, MockDriverOptions } from './drivers/mock/driver';
export { createMockBackend } from './drivers/mock/backend';
export type { MockBackend, MockBackendOptions, MockCaptureRecord } from './drivers/mock/backend';
export { isMockScenarioName, MOCK_SCENARIO_NAMES, MOCK_SCENARIOS } from './drivers/mock/scenarios';
export type { MockScenario, MockScenarioName } from './drivers/mock/scenarios';
export { decodeMockCredential, encodeMockCredential } from './drivers/mock/credential';
export type { MockCredentialClaims } from './drivers/mock/credential';
