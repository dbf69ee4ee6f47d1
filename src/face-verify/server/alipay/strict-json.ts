/**
 * A strict JSON scanner for Alipay's gateway answers. `JSON.parse` silently keeps the last of two equal keys,
 * and a reviver never sees the first: so a signature checked over one `…_response` node says nothing about
 * the node `JSON.parse` hands back. This scanner refuses any object that repeats a key (compared after
 * unescaping, so `"a"` and `"\u0061"` are the same key) at any depth, and reports where each top-level value
 * sits in the text, so the caller can verify and read exactly the same characters.
 */

/** Where a value sits in the scanned text: `text.slice(start, end)` is its exact JSON text. */
export interface JsonSpan {
  start: number;
  end: number;
}

/** The top-level object's members, or why the text was refused. */
export type TopLevelScan = { ok: true; members: ReadonlyMap<string, JsonSpan> } | { ok: false; reason: 'malformed' | 'duplicate-key' };

/** Deeper nesting than this is refused (Alipay's answers are two or three levels deep). */
export const MAX_JSON_DEPTH = 64;

// A string token. JSON requires control characters (U+0000–U+001F) escaped, so the class excludes raw ones.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

class Refused {
  constructor(readonly reason: 'malformed' | 'duplicate-key') {}
}

class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** The whole text: one object, nothing but whitespace around it. */
  topLevel(): Map<string, JsonSpan> {
    this.skipSpace();
    if (this.text[this.pos] !== '{') throw new Refused('malformed');
    const members = new Map<string, JsonSpan>();
    this.object(1, members);
    this.skipSpace();
    if (this.pos !== this.text.length) throw new Refused('malformed');
    return members;
  }

  private skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.pos += 1;
    }
  }

  private token(pattern: RegExp): string {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null) throw new Refused('malformed');
    this.pos += match[0].length;
    return match[0];
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) throw new Refused('malformed');
    this.pos += 1;
  }

  private value(depth: number): JsonSpan {
    this.skipSpace();
    const start = this.pos;
    const char = this.text[this.pos];
    if (char === '{') this.object(depth + 1);
    else if (char === '[') this.array(depth + 1);
    else if (char === '"') this.token(STRING);
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.token(NUMBER);
    else this.token(LITERAL);
    return { start, end: this.pos };
  }

  /** An object at `depth`; with `members`, each key's value span is recorded there. */
  private object(depth: number, members?: Map<string, JsonSpan>): void {
    if (depth > MAX_JSON_DEPTH) throw new Refused('malformed');
    this.pos += 1; // '{'
    const keys = new Set<string>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      // The token is valid JSON string syntax, so JSON.parse only unescapes it.
      const key = JSON.parse(this.token(STRING)) as string;
      if (keys.has(key)) throw new Refused('duplicate-key');
      keys.add(key);
      this.expect(':');
      const span = this.value(depth);
      members?.set(key, span);
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === '}') return;
      if (next !== ',') throw new Refused('malformed');
    }
  }

  private array(depth: number): void {
    if (depth > MAX_JSON_DEPTH) throw new Refused('malformed');
    this.pos += 1; // '['
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.value(depth);
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === ']') return;
      if (next !== ',') throw new Refused('malformed');
    }
  }
}

/**
 * Scans `text` as one JSON object (RFC 8259, nothing else around it but whitespace) and returns where each of
 * its members' values sits. Refuses anything that is not strict JSON, nesting deeper than {@link MAX_JSON_DEPTH},
 * and any object, at any depth, that repeats a key.
 */
export function scanTopLevelObject(text: string): TopLevelScan {
  try {
    return { ok: true, members: new Scanner(text).topLevel() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}
