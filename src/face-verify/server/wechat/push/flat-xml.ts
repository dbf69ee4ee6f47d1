/**
 * WeChat's push XML: a root element (`<xml>`) holding fields, usually wrapped in CDATA. A small scanner,
 * linear in the input, that returns null for anything it cannot read rather than throwing; nested
 * elements become nested objects (to a bounded depth).
 */

export type XmlFields = { [field: string]: string | XmlFields };

const MAX_DEPTH = 8;
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  /** Moves past `terminator`; false when it never comes. */
  skipPast(terminator: string): boolean {
    const end = this.text.indexOf(terminator, this.pos);
    if (end < 0) return false;
    this.pos = end + terminator.length;
    return true;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  /** Skips the prolog, comments, doctype and processing instructions before the root. */
  skipMisc(): boolean {
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<?')) {
        if (!this.skipPast('?>')) return false;
      } else if (this.startsWith('<!--')) {
        if (!this.skipPast('-->')) return false;
      } else if (this.startsWith('<!DOCTYPE')) {
        if (!this.skipPast('>')) return false;
      } else return true;
    }
  }

  /** Reads `<name …>` or `<name …/>`; returns the name and whether it closed itself. */
  openTag(): { name: string; selfClosing: boolean } | null {
    if (!this.startsWith('<')) return null;
    const name = NAME.exec(this.text.slice(this.pos + 1, this.pos + 257))?.[0];
    if (name === undefined) return null;
    const end = this.text.indexOf('>', this.pos);
    if (end < 0) return null;
    const selfClosing = this.text[end - 1] === '/';
    this.pos = end + 1;
    return { name, selfClosing };
  }

  /** Reads the content of the element just opened, up to and including `</name>`. */
  content(name: string, depth: number): string | XmlFields | null {
    let text = '';
    let children: XmlFields | null = null;
    for (;;) {
      const next = this.text.indexOf('<', this.pos);
      if (next < 0) return null;
      text += decodeEntities(this.text.slice(this.pos, next));
      this.pos = next;
      if (this.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.pos + 9);
        if (end < 0) return null;
        text += this.text.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.startsWith('<!--')) {
        if (!this.skipPast('-->')) return null;
      } else if (this.startsWith('</')) {
        if (!this.startsWith(`</${name}`)) return null;
        this.pos += name.length + 2;
        this.skipSpace();
        if (!this.startsWith('>')) return null;
        this.pos++;
        return children ?? text;
      } else {
        if (depth >= MAX_DEPTH) return null;
        const tag = this.openTag();
        if (tag === null) return null;
        const value = tag.selfClosing ? '' : this.content(tag.name, depth + 1);
        if (value === null) return null;
        children ??= {};
        // defineProperty: a field named __proto__ stays an ordinary field.
        if (!Object.prototype.hasOwnProperty.call(children, tag.name)) {
          Object.defineProperty(children, tag.name, { value, enumerable: true, writable: true, configurable: true });
        }
      }
    }
  }
}

/**
 * Parses `<xml><ToUserName><![CDATA[gh_…]]></ToUserName><CreateTime>1703657835</CreateTime>…</xml>` into
 * `{ ToUserName: 'gh_…', CreateTime: '1703657835', … }` (values are strings; the first of repeated fields
 * wins). Returns null for anything that is not one well-formed root element with fields.
 */
export function parseFlatXml(text: string): XmlFields | null {
  const scanner = new Scanner(text.replace(/^\uFEFF/, ''));
  if (!scanner.skipMisc()) return null;
  const root = scanner.openTag();
  if (root === null || root.selfClosing) return null;
  const fields = scanner.content(root.name, 1);
  if (fields === null || typeof fields === 'string') return null;
  if (!scanner.skipMisc() || scanner.pos !== scanner.text.length) return null;
  return fields;
}

const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** Writes flat fields as WeChat's push XML: strings in CDATA, numbers bare. Field names must be XML names. */
export function buildFlatXml(fields: Record<string, string | number>): string {
  let xml = '<xml>';
  for (const [name, value] of Object.entries(fields)) {
    if (NAME.exec(name)?.[0] !== name) throw new TypeError('XML field names must be XML names');
    xml += `<${name}>${typeof value === 'number' ? String(value) : cdata(value)}</${name}>`;
  }
  return `${xml}</xml>`;
}
