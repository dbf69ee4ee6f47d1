import { normalizeIdCardNumber } from '../contract';
import { flowMessagesFor } from '../locales/flow';
import type { Identity, LocaleOption } from './types';

/** Why an ID number was refused, for code that reacts per problem (the `reason` text is for the user). */
export type IdCardProblem = 'empty' | 'length' | 'characters' | 'region' | 'birth-date' | 'birth-future' | 'birth-too-early' | 'checksum';

/** The result of {@link validateIdCardNumber}: the normalised number, or the reason and problem. */
export type IdCardValidation = { ok: true; value: string } | { ok: false; reason: string; problem: IdCardProblem };

/** Options of the identity checks. */
export interface ValidateOptions {
  /** Language of `reason`. @default 'zh-CN' */
  locale?: LocaleOption;
  /** Today, for the birth-date check. @default new Date() */
  now?: Date;
}

/**
 * Province-level prefixes of GB 11643-1999 numbers: the 31 mainland divisions, 71 (Taiwan), 81 / 82
 * (Hong Kong / Macao residents' residence permits) and 83 (Taiwan residents' residence permits).
 */
const REGION_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCardCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/**
 * Checks an 18-character resident ID number (GB 11643-1999): characters, province prefix, a real date of
 * birth from 1800 up to today, and the check digit. Surrounding whitespace is ignored and a final `x`
 * is upper-cased in `value`. The `reason` is written for the user.
 *
 * @example
 * validateIdCardNumber(' 11010519491231002x ') // { ok: true, value: '11010519491231002X' }
 */
export function validateIdCardNumber(input: string, options: ValidateOptions = {}): IdCardValidation {
  const words = flowMessagesFor(options.locale).idCard;
  const fail = (problem: IdCardProblem, reason: string): IdCardValidation => ({ ok: false, reason, problem });
  const value = normalizeIdCardNumber(input);

  if (value === '') return fail('empty', words.empty);
  if (value.length !== 18) return fail('length', words.length(value.length));
  if (!/^\d{17}[\dX]$/.test(value)) return fail('characters', words.characters);
  if (!REGION_PREFIXES.has(value.slice(0, 2))) return fail('region', words.region);

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day
  ) {
    return fail('birth-date', words.birthDate);
  }
  if (year < 1800) return fail('birth-too-early', words.birthTooEarly);
  const now = options.now ?? new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  if (birth.getTime() > today) return fail('birth-future', words.birthFuture);

  if (idCardCheckCharacter(value) !== value[17]) return fail('checksum', words.checksum);
  return { ok: true, value };
}

/** The result of {@link validateName}: the normalised name (spaces collapsed), or the reason for the user. */
export type NameValidation = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Checks a name as printed on an ID card: not empty, at most 40 characters, no digits or symbols other
 * than the middle dot used in transliterated names (`·`).
 */
export function validateName(input: string, options: { locale?: LocaleOption } = {}): NameValidation {
  const words = flowMessagesFor(options.locale).name;
  const value = String(input ?? '')
    .trim()
    .replace(/\s+/g, ' ');
  if (value === '') return { ok: false, reason: words.empty };
  if ([...value].length > 40) return { ok: false, reason: words.tooLong };
  if (/[\d\p{S}\p{C}]|[!-/:-@[-`{-~]/u.test(value.replace(/[·•.\-' ]/g, ''))) return { ok: false, reason: words.characters };
  return { ok: true, value };
}

/** The result of {@link validateIdentity}: both fields normalised, or the first field that failed and why. */
export type IdentityValidation = { ok: true; value: Identity } | { ok: false; field: 'name' | 'idCardNumber'; reason: string };

/**
 * Checks a name and an ID number together (name first), as a form does before starting a capture.
 * @example
 * const checked = validateIdentity({ name: '张三', idCardNumber: '11010519491231002x' });
 * if (checked.ok) await start(checked.value); else showError(checked.field, checked.reason);
 */
export function validateIdentity(identity: Partial<Identity> | undefined, options: ValidateOptions = {}): IdentityValidation {
  const name = validateName(identity?.name ?? '', options);
  if (!name.ok) return { ok: false, field: 'name', reason: name.reason };
  const id = validateIdCardNumber(identity?.idCardNumber ?? '', options);
  if (!id.ok) return { ok: false, field: 'idCardNumber', reason: id.reason };
  return { ok: true, value: { name: name.value, idCardNumber: id.value } };
}

/** '110105194912310021' → '1101**********0021': enough to recognise, not enough to reuse. */
export function maskIdCardNumber(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length <= 8) return '*'.repeat(trimmed.length);
  return trimmed.slice(0, 4) + '*'.repeat(trimmed.length - 8) + trimmed.slice(-4);
}

/** '张三' → '张*', '欧阳锋' → '欧*锋', 'Alice' → 'A***e'. */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
