// One linter for the whole repository: TypeScript rules, React hooks rules, and the kit's own boundaries.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'lib/**', 'coverage/**', '.tmp/**', 'test/consumer/**', '.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The kit never prints: identity data must not reach a log.
    files: ['src/face-verify/**/*.{ts,tsx}'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  // The layers (docs/ARCHITECTURE.md): one import rule per folder of the kit. Data flows page → hook →
  // flow store → ports; drivers implement the core's ports, so they import the core, never the reverse.
  {
    // contract/: the wire shapes shared by front end, server and mocks. Imports nothing.
    files: ['src/face-verify/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'contract/ imports nothing: the server and the mini-program both load it.' }] },
      ],
    },
  },
  {
    // core/: the platform-free flow. It owns the ports; it never reaches the platforms, React or the server.
    files: ['src/face-verify/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', '@tarojs/*', 'node:*'], message: 'The core is platform-free: no React, Taro or Node built-ins.' },
            {
              group: ['**/drivers', '**/drivers/**', '**/react/**', '**/server', '**/server/**', '**/defaults', '**/mock', '../index'],
              message: 'core/ imports only core/, contract/ and locales/: drivers implement its ports (see docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // drivers/: one folder per platform, implementing the core's ports. No React, no server, no entries.
    files: ['src/face-verify/drivers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', '@tarojs/*', 'node:*'],
              message: 'Drivers get the native object passed in: no React, Taro or Node built-ins.',
            },
            {
              group: ['**/react/**', '**/server', '**/server/**', '**/defaults', '../../index', '../../mock', '../index', '../mock'],
              message: 'drivers/ import only core/, contract/, locales/ and drivers/ (see docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // locales/: words only, no platform.
    files: ['src/face-verify/locales/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-*', '@tarojs/*', 'node:*', '**/react/**', '**/server/**', '**/drivers/**'] },
      ],
    },
  },
  {
    // The server entry never pulls in the front end.
    files: ['src/face-verify/server/**/*.ts', 'src/face-verify/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-*', '@tarojs/*', 'zustand', 'zustand/*', '**/react/**', '**/core/**', '**/defaults'] },
      ],
    },
  },
  {
    // otel/: neutral and dependency-free (Node and H5). `@opentelemetry/api`, the server's port and the core's
    // event types are named in types only: the app passes its OpenTelemetry API in, so it stays an optional peer.
    files: ['src/face-verify/otel/**/*.ts', 'src/face-verify/otel.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@opentelemetry/*', 'node:*', '**/server/**', '**/core/**'],
              allowTypeImports: true,
              message: 'otel/ imports these as types only: it runs in Node and H5 with no dependency.',
            },
            {
              group: ['react', 'react-*', '@tarojs/*', 'zustand', '**/react/**', '**/drivers/**', '**/defaults', '../index', '../mock'],
              message: 'otel/ never pulls in the front end, the drivers or another entry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        AbortController: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        TextEncoder: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        document: 'readonly',
        window: 'readonly',
        navigator: 'readonly',
        URLSearchParams: 'readonly',
        MutationObserver: 'readonly',
        getComputedStyle: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
