/**
 * Form checks while the user types: only what is already certain from the characters typed so far
 * (a wrong character, an unknown province code), the full check once the number is complete or the field
 * is left. Reasons come from the kit's identity rules, in the page's locale.
 */
import { idCardCheckCharacter, validateIdCardNumber, validateName } from '../../core/identity';
import type { LocaleMessages } from '../../locales';

/** A valid number whose tail completes a typed prefix, so the prefix can be checked with the full rules. */
const FILLER = '110105194912310021';

/**
 * The problem with an ID number being typed, or null. `complete` is true once the user leaves the field
 * or submits: then an empty or short number is a problem too.
 */
export function idCardProblem(input: string, locale: LocaleMessages, complete: boolean): string | null {
  const value = input.trim();
  if (complete || value.length >= 18) {
    const checked = validateIdCardNumber(value, { locale });
    return checked.ok ? null : checked.reason;
  }
  if (value === '') return null;
  if (!/^\d*$/.test(value)) return locale.flow.idCard.characters;
  if (value.length >= 2) {
    const candidate = value.slice(0, 2) + FILLER.slice(2, 17);
    const checked = validateIdCardNumber(candidate + idCardCheckCharacter(candidate), { locale });
    if (!checked.ok && checked.problem === 'region') return checked.reason;
  }
  return null;
}

/** The problem with a name being typed, or null; an empty name is one only once `complete`. */
export function nameProblem(input: string, locale: LocaleMessages, complete: boolean): string | null {
  if (!complete && input.trim() === '') return null;
  const checked = validateName(input, { locale });
  return checked.ok ? null : checked.reason;
}
