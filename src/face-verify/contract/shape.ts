/** Shape checks for answers read off the wire. */

/** A plain JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string with at least one character. */
export const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
