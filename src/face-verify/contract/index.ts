/**
 * The wire contract between the front end, the server handlers and the mocks. Imports nothing: both the
 * mini-program bundle and the Node server may load it.
 */
export { normalizeIdCardNumber } from './id-number';
// Every wire shape of every platform: a platform's payload and ticket are added in payload.ts alone.
export * from './payload';
export { isVerdictCode, parseVerdict, VERDICT_CODES, VERDICTS, type VerdictCode, type VerdictEntry, type VerifyVerdict } from './verdict';
