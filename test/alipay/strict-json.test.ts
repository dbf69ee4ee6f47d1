/** The strict scanner the Alipay client reads gateway answers with: JSON.parse's grammar, without its "last key wins". */
import fc from 'fast-check';
import { MAX_JSON_DEPTH, scanTopLevelObject } from '../../src/face-verify/server/alipay/strict-json';

const spansOf = (text: string) => {
  const scan = scanTopLevelObject(text);
  if (!scan.ok) throw new Error(`refused: ${scan.reason}`);
  return Object.fromEntries([...scan.members].map(([key, { start, end }]) => [key, text.slice(start, end)]));
};

describe('scanTopLevelObject', () => {
  it('reports the exact text of each top-level value, whitespace around it excluded', () => {
    const text =
      ' {\n "a_response" : {"code":"10000","passed":["T"],"n":-1.5e3,"u":"\\u5f20三","e":{}} ,"sign":"x+/=","z":[null,true,false,[]]}\r\n';
    expect(spansOf(text)).toEqual({
      a_response: '{"code":"10000","passed":["T"],"n":-1.5e3,"u":"\\u5f20三","e":{}}',
      sign: '"x+/="',
      z: '[null,true,false,[]]',
    });
  });

  it.each([
    ['at the top', '{"a":1,"a":1}'],
    ['inside a node', '{"a":{"passed":"F","passed":"T"}}'],
    ['deep in an array', '{"a":[{"b":{"c":1,"c":2}}]}'],
    ['spelled with an escape', '{"a":{"passed":"F","pa\\u0073sed":"T"}}'],
    ['as an empty key', '{"":1,"":2}'],
  ])('refuses a repeated key %s', (_where, text) => {
    expect(scanTopLevelObject(text)).toEqual({ ok: false, reason: 'duplicate-key' });
  });

  it('allows the same key in sibling objects', () => {
    expect(scanTopLevelObject('{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}').ok).toBe(true);
  });

  it.each([
    '',
    '[]',
    '"a"',
    '{"a":1}{"a":2}',
    '{"a":1,}',
    '{"a":[1,]}',
    "{'a':1}",
    '{a:1}',
    '{"a":01}',
    '{"a":1.}',
    '{"a":+1}',
    '{"a":NaN}',
    '{"a":"\u0001"}',
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    '{"a":tru}',
    '{"a" 1}',
    '{"a":1 "b":2}',
    '{"a":1} // comment',
    '\u00a0{"a":1}',
    '{"a":"unterminated}',
  ])('refuses what is not one strict JSON object: %j', (text) => {
    expect(scanTopLevelObject(text)).toEqual({ ok: false, reason: 'malformed' });
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, without exhausting the stack`, () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    expect(scanTopLevelObject(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(scanTopLevelObject(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: 'malformed' });
    expect(scanTopLevelObject(`{"a":${'['.repeat(100_000)}`)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('agrees with JSON.parse on every JSON object without repeated keys, and each span parses to its member', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.boolean(), (object, pretty) => {
        const text = JSON.stringify(object, null, pretty ? 2 : undefined);
        const scan = scanTopLevelObject(text);
        expect(scan.ok).toBe(true);
        if (!scan.ok) return;
        const parsed = JSON.parse(text) as Record<string, unknown>;
        expect([...scan.members.keys()].sort()).toEqual(Object.keys(parsed).sort());
        for (const [key, { start, end }] of scan.members) expect(JSON.parse(text.slice(start, end))).toEqual(parsed[key]);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts a text JSON.parse refuses', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', 'a', '1', '-', '.', 'e', ' ', '\\', 'u', 'n') }),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          if (!valid) expect(scanTopLevelObject(text).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
