/**
 * The one normalisation of a resident ID number, shared by the front end, the server checks and the
 * stand-ins: WeChat digests the number this way, so every side must agree on it.
 */

/**
 * The ID number as it is checked, digested and sent: surrounding whitespace removed, a final `x`
 * upper-cased. Nothing else changes (a wrong number stays wrong, for the validator to say why).
 * @example
 * normalizeIdCardNumber(' 11010519491231002x ') // '11010519491231002X'
 */
export function normalizeIdCardNumber(idCardNumber: string): string {
  return String(idCardNumber ?? '')
    .trim()
    .replace(/x$/, 'X');
}
