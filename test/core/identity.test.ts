import { maskIdCardNumber, maskName, validateIdCardNumber, validateName } from 'taro-face-verify';

// The two worked examples printed in GB 11643-1999 itself.
const STANDARD_EXAMPLE = '11010519491231002X';
const BORN_1880 = '440524188001010014';

describe('validateIdCardNumber', () => {
  it('accepts the standard’s own examples, including one born in 1880', () => {
    expect(validateIdCardNumber(STANDARD_EXAMPLE)).toEqual({ ok: true, value: STANDARD_EXAMPLE });
    expect(validateIdCardNumber(BORN_1880)).toEqual({ ok: true, value: BORN_1880 });
  });

  it('trims whitespace and upper-cases a final x', () => {
    expect(validateIdCardNumber('  11010519491231002x\t')).toEqual({ ok: true, value: STANDARD_EXAMPLE });
  });

  it('rejects a wrong check digit with a reason the user understands', () => {
    const result = validateIdCardNumber('110105194912310021');
    expect(result).toMatchObject({ ok: false, problem: 'checksum' });
    expect(!result.ok && result.reason).toMatch(/校验位/);
    expect(validateIdCardNumber('110105194912310021', { locale: 'en' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/check digit/),
    });
  });

  it.each([
    ['11010519490230002X', 'birth-date', 'February 30th'],
    ['11010519491331002X', 'birth-date', 'month 13'],
    ['11010519490000002X', 'birth-date', 'month 0'],
    ['110105179912310021', 'birth-too-early', 'before 1800'],
    ['110105290001010011', 'birth-future', 'after today'],
  ])('rejects %s (%s: %s)', (input, problem) => {
    expect(validateIdCardNumber(input)).toMatchObject({ ok: false, problem });
  });

  it('checks the date against the injected today', () => {
    expect(validateIdCardNumber('110105202611250014', { now: new Date(2026, 10, 24) })).toMatchObject({
      ok: false,
      problem: 'birth-future',
    });
    expect(validateIdCardNumber(STANDARD_EXAMPLE, { now: new Date(1949, 11, 31) })).toMatchObject({ ok: true });
  });

  it('accepts 29 February only in a leap year', () => {
    const leap = '11010520000229' + '001';
    const valid = leap + checkChar(leap);
    expect(validateIdCardNumber(valid)).toMatchObject({ ok: true });
    const notLeap = '11010519000229001';
    expect(validateIdCardNumber(notLeap + checkChar(notLeap))).toMatchObject({ ok: false, problem: 'birth-date' });
  });

  it('rejects unknown province prefixes', () => {
    const body = '99010519491231002';
    expect(validateIdCardNumber(body + checkChar(body))).toMatchObject({ ok: false, problem: 'region' });
    const hk = '81000019900101001';
    expect(validateIdCardNumber(hk + checkChar(hk))).toMatchObject({ ok: true });
  });

  it('rejects the wrong length, letters and empty input, saying which', () => {
    expect(validateIdCardNumber('')).toMatchObject({ ok: false, problem: 'empty' });
    expect(validateIdCardNumber('11010519491231002')).toMatchObject({
      ok: false,
      problem: 'length',
      reason: expect.stringContaining('17'),
    });
    expect(validateIdCardNumber('1101051949123100XX')).toMatchObject({ ok: false, problem: 'characters' });
    expect(validateIdCardNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: false, problem: 'characters' });
  });
});

describe('validateName', () => {
  it('accepts Chinese names and transliterated names with a middle dot', () => {
    expect(validateName(' 张三 ')).toEqual({ ok: true, value: '张三' });
    expect(validateName('阿卜杜拉·买买提')).toMatchObject({ ok: true });
  });
  it('rejects empty names and names with digits', () => {
    expect(validateName('  ')).toMatchObject({ ok: false });
    expect(validateName('张3')).toMatchObject({ ok: false });
  });
});

describe('masking', () => {
  it('keeps enough to recognise and nothing to reuse', () => {
    expect(maskIdCardNumber(STANDARD_EXAMPLE)).toBe('1101**********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳锋')).toBe('欧*锋');
  });
});

function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  return '10X98765432'[sum % 11] as string;
}
