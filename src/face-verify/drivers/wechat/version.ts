/**
 * Compares dotted version strings numerically: '6.10.0' > '6.9.9'. Missing parts count as 0.
 * @internal
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

export function isAtLeast(version: string | null | undefined, minimum: string): boolean {
  return typeof version === 'string' && /^\d+(\.\d+)*$/.test(version.trim()) && compareVersions(version.trim(), minimum) >= 0;
}

/**
 * The version gates from WeChat's documentation.
 * @internal
 */
export const VERSION_GATES = {
  readNumber: { android: '6.5.4', ios: '6.5.6' },
  screenFlash: '6.7.2',
  /** Base library needed to start a capture with a backend-issued userIdKey. */
  userIdKey: '1.9.3',
  /** Base library needed for wx.requestFacialVerify (v2). */
  v2: '3.8.12',
} as const;
