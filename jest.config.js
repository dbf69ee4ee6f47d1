// Tests import the kit by its public names; these map them to the source, so tests exercise what users import.
const moduleNameMapper = {
  '^taro-face-verify$': '<rootDir>/src/face-verify/index.ts',
  '^taro-face-verify/mock$': '<rootDir>/src/face-verify/mock.ts',
  '^taro-face-verify/server$': '<rootDir>/src/face-verify/server.ts',
  '^taro-face-verify/otel$': '<rootDir>/src/face-verify/otel.ts',
  '^@tarojs/components$': '<rootDir>/test/support/taro-components.tsx',
  '^@tarojs/taro$': '<rootDir>/test/support/taro.ts',
  '\\.(css|scss)$': '<rootDir>/test/support/style.ts',
};

const common = {
  moduleNameMapper,
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'core', testEnvironment: 'node', testMatch: ['<rootDir>/test/core/**/*.test.ts?(x)'] },
    // The React tests run the page as the H5 build does: Taro's per-platform files (`x.h5.ts` before `x.ts`) too.
    {
      ...common,
      displayName: 'react',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/react/**/*.test.ts?(x)'],
      moduleFileExtensions: ['h5.ts', 'h5.tsx', ...common.moduleFileExtensions],
    },
    { ...common, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/test/server/**/*.test.ts?(x)'] },
    { ...common, displayName: 'alipay', testEnvironment: 'node', testMatch: ['<rootDir>/test/alipay/**/*.test.ts?(x)'] },
    // The standing attacker suite (issue 14): every attack against every documented setup × platform.
    { ...common, displayName: 'attacks', testEnvironment: 'node', testMatch: ['<rootDir>/test/attacks/**/*.test.ts?(x)'] },
    // The demo app's weapp build under WeChat's miniprogram-simulate (built once by the global setup, in .tmp/).
    {
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      transform: { '^.+\\.ts$': 'babel-jest' },
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/.tmp/'],
      globalSetup: '<rootDir>/test/weapp/global-setup.ts',
      setupFiles: ['<rootDir>/test/weapp/environment.ts'],
      // The suite's jsdom window is a global of its own: Jest's cleanup of globals only warns about it.
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
  ],
};
