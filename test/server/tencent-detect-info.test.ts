/**
 * The one rule that turns a FaceID result into a verdict, table-driven over every documented ErrCode, the
 * similarity threshold and the identity checks (Chinese names, an ID number ending in x), with the keyed-digest
 * matchers a server uses so it never holds the values.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constantTimeEqual } from '../../src/face-verify/server/digest';
import {
  describeDetectCode,
  judgeDetectInfo,
  TENCENT_DETECT_CODES,
  TENCENT_MIN_SIMILARITY,
  type TencentExpectedPerson,
} from '../../src/face-verify/server/tencent';

const KEY = randomBytes(32);
const keyed = (value: string) => createHmac('sha256', KEY).update(value, 'utf8').digest('hex');

/** What a server keeps of the expected person: keyed digests only. */
function expecting(name: string, idCardNumber: string): TencentExpectedPerson {
  const nameDigest = keyed(name);
  const idCardDigest = keyed(idCardNumber);
  return {
    nameMatches: (reported) => constantTimeEqual(keyed(reported), nameDigest),
    idCardMatches: (reported) => constantTimeEqual(keyed(reported), idCardDigest),
  };
}

const PERSON = { name: '欧阳娜娜', idCard: '11010519491231002X' };
const expected = expecting(PERSON.name, PERSON.idCard);
const passing = { errCode: 0, sim: 95.31, ...PERSON };

describe('judgeDetectInfo', () => {
  it('passes ErrCode 0 with Sim at least 70 and the expected person', () => {
    expect(judgeDetectInfo(passing, expected)).toEqual({ passed: true });
    expect(judgeDetectInfo({ ...passing, sim: TENCENT_MIN_SIMILARITY }, expected)).toEqual({ passed: true });
    expect(judgeDetectInfo({ ...passing, sim: 100 }, expected)).toEqual({ passed: true });
  });

  const failingCodes = [
    ...Object.keys(TENCENT_DETECT_CODES)
      .map(Number)
      .filter((code) => code !== 0),
    9999,
    -1,
  ];
  it.each(failingCodes)('refuses ErrCode %i as detect_ret with that code, whatever else the answer says', (errCode) => {
    const nameMatches = jest.fn(() => true);
    const idCardMatches = jest.fn(() => true);
    expect(judgeDetectInfo({ ...passing, errCode }, { nameMatches, idCardMatches })).toEqual({
      passed: false,
      problems: ['detect_ret'],
      ret: errCode,
    });
    expect(nameMatches).not.toHaveBeenCalled();
    expect(idCardMatches).not.toHaveBeenCalled();
  });

  it.each([
    ['just below 70', 69.99],
    ['40 (ErrCode 0 with a low Sim)', 40],
    ['0', 0],
    ['missing', undefined],
  ])('refuses ErrCode 0 with Sim %s as detect_ret 2016', (_case, sim) => {
    expect(judgeDetectInfo({ ...passing, sim }, expected)).toEqual({ passed: false, problems: ['detect_ret'], ret: 2016 });
  });

  it.each([
    ['another name', { name: '欧阳娜' }, ['name_mismatch']],
    ['no name', { name: undefined }, ['name_mismatch']],
    ['a blank name', { name: ' ' }, ['name_mismatch']],
    ['another ID number', { idCard: '11010519491231003X' }, ['id_card_mismatch']],
    ['no ID number', { idCard: undefined }, ['id_card_mismatch']],
    ['another person entirely', { name: '王五', idCard: '44030619900101123X' }, ['name_mismatch', 'id_card_mismatch']],
  ])('refuses ErrCode 0, Sim 90 with %s', (_case, reported, problems) => {
    expect(judgeDetectInfo({ ...passing, sim: 90, ...reported }, expected)).toEqual({ passed: false, problems });
  });

  it('lists every problem, with ret 2016 when the similarity is also low', () => {
    expect(judgeDetectInfo({ ...passing, sim: 40, name: '王五' }, expected)).toEqual({
      passed: false,
      problems: ['detect_ret', 'name_mismatch'],
      ret: 2016,
    });
  });

  it('compares the reported ID number normalised (a lower-case x, spaces) and the name trimmed', () => {
    expect(judgeDetectInfo({ ...passing, idCard: ' 11010519491231002x ', name: ` ${PERSON.name} ` }, expected)).toEqual({ passed: true });
  });
});

describe('TENCENT_DETECT_CODES', () => {
  it('names every code the H5 route documents for a finished, failed or unfinished verification', () => {
    const documented = [0, 14, 15, 16, 17, 2006, 2016, 2018, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008];
    for (const errCode of documented) expect(TENCENT_DETECT_CODES[errCode]?.meaning).toEqual(expect.any(String));
  });

  it('says an unfinished verification can resume with its own token, and an expired or spent one cannot', () => {
    expect(describeDetectCode(17)).toMatchObject({ retryable: true, freshTicket: false });
    for (const errCode of [14, 15, 16, 2016]) expect(describeDetectCode(errCode)).toMatchObject({ retryable: true, freshTicket: true });
    for (const errCode of [2018, 1002, 204]) expect(describeDetectCode(errCode).retryable).toBe(false);
  });

  it('treats a code it does not know as final, needing a fresh ticket', () => {
    expect(describeDetectCode(424242)).toEqual({ meaning: 'unknown ErrCode 424242', retryable: false, freshTicket: true });
  });

  it('is the table the README documents, code for code', () => {
    const readme = readFileSync(join(__dirname, '../../src/face-verify/server/tencent/README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1])));
    expect([...rows].sort((a, b) => a - b)).toEqual(
      Object.keys(TENCENT_DETECT_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    );
  });
});
