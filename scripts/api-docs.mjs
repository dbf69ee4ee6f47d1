#!/usr/bin/env node
/**
 * `npm run docs:api` writes docs/API.md: every public export of the three entries (taro-face-verify,
 * taro-face-verify/mock, taro-face-verify/server) with its kind, signature and the JSDoc written on it in the
 * source (@default, @example and other tags; interface members with their own docs).
 *
 * `npm run check:docs` (--check) writes nothing: it fails when an export has no doc comment or when docs/API.md
 * differs from what the source gives (then run `npm run docs:api`).
 *
 * Uses the TypeScript compiler API with the repository's tsconfig.json; reads the source, not lib/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'docs', 'API.md');
const check = process.argv.includes('--check');

const ENTRIES = [
  {
    specifier: 'taro-face-verify',
    file: 'src/face-verify/index.ts',
    about:
      'The front end: identity rules, the device probe, the verification flow, the WeChat driver, the `useFaceVerify` hook and the prebuilt page. Runs inside a Taro app (weapp, H5).',
  },
  {
    specifier: 'taro-face-verify/mock',
    file: 'src/face-verify/mock.ts',
    about: 'The mock driver, its scenarios and the in-browser mock backend: for H5 previews, tests and demos. Never a real verification.',
  },
  {
    specifier: 'taro-face-verify/server',
    file: 'src/face-verify/server.ts',
    about:
      'The backend half, for Node 18+: Web-standard `Request -> Response` handlers, the WeChat API client, the result checks, push crypto and a local WeChat stand-in. Imports neither React nor Taro.',
  },
];

const KIND_ORDER = ['component', 'hook', 'function', 'class', 'constant', 'interface', 'type'];
const KIND_TITLE = {
  component: 'Components',
  hook: 'Hooks',
  function: 'Functions',
  class: 'Classes',
  constant: 'Constants',
  interface: 'Interfaces',
  type: 'Types',
};

// --- Program -------------------------------------------------------------------------------------------------

const present = ENTRIES.filter((entry) => existsSync(join(root, entry.file)));
const missingEntries = ENTRIES.filter((entry) => !present.includes(entry));
const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
const program = ts.createProgram({
  rootNames: present.map((entry) => join(root, entry.file)),
  options: { ...config.options, noEmit: true },
});
const checker = program.getTypeChecker();

// --- Helpers -------------------------------------------------------------------------------------------------

const oneLine = (text) => text.replace(/\s+/g, ' ').trim();
const cell = (text) => oneLine(text).replace(/\|/g, '\\|');
const anchor = (entry, name) => `${entry.specifier.replace(/[^a-z0-9]+/gi, '-')}-${name}`.toLowerCase();
/** `{@link X}` and `{@link X text}` become code spans. */
const links = (text) =>
  text.replace(/\{@link(?:code|plain)?\s+([^}\s|]+)(?:[\s|]+([^}]*))?\}/g, (_, target, label) =>
    label ? `${label} (\`${target}\`)` : `\`${target}\``,
  );

function docOf(symbol) {
  const text = links(ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim());
  const tags = symbol.getJsDocTags(checker).map((tag) => ({ name: tag.name, text: links(ts.displayPartsToString(tag.text ?? []).trim()) }));
  return { text, tags };
}

const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);

const printer = ts.createPrinter({ removeComments: true });
function printNode(node) {
  return printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile());
}

/** A declaration as a signature: the body, initialiser and comments dropped. */
function signatureText(declaration, name) {
  const source = declaration.getSourceFile();
  if (ts.isFunctionDeclaration(declaration)) {
    const typeParams = declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText(source)).join(', ')}>` : '';
    const params = declaration.parameters.map((p) => oneLine(p.getText(source))).join(', ');
    const signature = checker.getSignatureFromDeclaration(declaration);
    const returns = declaration.type
      ? oneLine(declaration.type.getText(source))
      : checker.typeToString(checker.getReturnTypeOfSignature(signature));
    const prefix = declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ? 'async function' : 'function';
    return `${prefix} ${name}${typeParams}(${params}): ${returns === 'Element' ? 'JSX.Element' : returns}`;
  }
  if (ts.isVariableDeclaration(declaration)) {
    const keyword = declaration.parent.flags & ts.NodeFlags.Const ? 'const' : 'let';
    if (declaration.type) return `${keyword} ${name}: ${oneLine(declaration.type.getText(source))}`;
    const init = declaration.initializer;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
      const params = init.parameters.map((p) => oneLine(p.getText(source))).join(', ');
      const signature = checker.getSignatureFromDeclaration(init);
      const returns = init.type ? oneLine(init.type.getText(source)) : checker.typeToString(checker.getReturnTypeOfSignature(signature));
      return `${keyword} ${name}: (${params}) => ${returns}`;
    }
    const type = checker.typeToString(
      checker.getTypeAtLocation(declaration),
      declaration,
      ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope,
    );
    return `${keyword} ${name}: ${type}`;
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    const typeParams = declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText(source)).join(', ')}>` : '';
    return `type ${name}${typeParams} = ${printNode(declaration.type)}`;
  }
  if (ts.isInterfaceDeclaration(declaration)) {
    const typeParams = declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText(source)).join(', ')}>` : '';
    const heritage = declaration.heritageClauses?.map((h) => oneLine(h.getText(source))).join(' ') ?? '';
    return `interface ${name}${typeParams}${heritage ? ` ${heritage}` : ''}`;
  }
  if (ts.isClassDeclaration(declaration)) {
    const heritage = declaration.heritageClauses?.map((h) => oneLine(h.getText(source))).join(' ') ?? '';
    const lines = [`class ${name}${heritage ? ` ${heritage}` : ''} {`];
    for (const member of declaration.members) {
      const isPrivate = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
      if (isPrivate || (member.name && ts.isPrivateIdentifier(member.name))) continue;
      if (ts.isConstructorDeclaration(member)) {
        lines.push(`  constructor(${member.parameters.map((p) => oneLine(p.getText(source))).join(', ')});`);
      } else if (ts.isPropertyDeclaration(member)) {
        const readonly = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) ? 'readonly ' : '';
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ? 'static ' : '';
        const type = member.type ? oneLine(member.type.getText(source)) : checker.typeToString(checker.getTypeAtLocation(member));
        lines.push(`  ${isStatic}${readonly}${member.name.getText(source)}${member.questionToken ? '?' : ''}: ${type};`);
      } else if (ts.isMethodDeclaration(member) || ts.isGetAccessor(member)) {
        const clone = oneLine(member.getText(source).replace(/\/\*\*[\s\S]*?\*\//g, ''))
          .replace(/\s*\{[\s\S]*\}\s*$/, '')
          .replace(/^override\s+/, '');
        lines.push(`  ${clone.replace(/;$/, '')};`);
      }
    }
    lines.push('}');
    return lines.join('\n');
  }
  return `${ts.SyntaxKind[declaration.kind]} ${name}`;
}

function kindOf(symbol, declaration, name) {
  if (symbol.flags & ts.SymbolFlags.Class) return 'class';
  if (symbol.flags & ts.SymbolFlags.Interface) return 'interface';
  if (symbol.flags & ts.SymbolFlags.TypeAlias) return 'type';
  const callable =
    symbol.flags & ts.SymbolFlags.Function || checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures().length > 0;
  if (callable && /^use[A-Z]/.test(name)) return 'hook';
  if (callable && /^[A-Z]/.test(name)) return 'component';
  if (callable) return 'function';
  return 'constant';
}

/** Own members of an interface (or an object-literal type alias), with their docs. */
function membersOf(declaration) {
  const source = declaration.getSourceFile();
  let members = [];
  if (ts.isInterfaceDeclaration(declaration)) members = [...declaration.members];
  else if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)) members = [...declaration.type.members];
  return members
    .filter((m) => m.name || ts.isCallSignatureDeclaration(m) || ts.isIndexSignatureDeclaration(m))
    .map((member) => {
      const symbol = member.name ? checker.getSymbolAtLocation(member.name) : undefined;
      const doc = symbol ? docOf(symbol) : { text: '', tags: [] };
      let name = member.name
        ? member.name.getText(source)
        : ts.isIndexSignatureDeclaration(member)
          ? `[${member.parameters.map((p) => p.getText(source)).join(', ')}]`
          : '(call)';
      if (member.questionToken) name += '?';
      if (member.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)) name = `readonly ${name}`;
      let type = '';
      if (ts.isPropertySignature(member) || ts.isIndexSignatureDeclaration(member))
        type = member.type ? member.type.getText(source) : 'any';
      else if (ts.isMethodSignature(member) || ts.isCallSignatureDeclaration(member)) {
        const params = member.parameters.map((p) => p.getText(source)).join(', ');
        type = `(${params}) => ${member.type ? member.type.getText(source) : 'void'}`;
      }
      return { name, type, doc };
    });
}

// --- Collect -------------------------------------------------------------------------------------------------

const undocumented = [];
const sections = [];
for (const entry of present) {
  const source = program.getSourceFile(join(root, entry.file));
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  const items = [];
  for (const exported of exports) {
    const name = exported.getName();
    const symbol = resolve(exported);
    const declarations = symbol.getDeclarations() ?? [];
    const declaration = declarations[0];
    if (!declaration) continue;
    const kind = kindOf(symbol, declaration, name);
    const doc = docOf(symbol);
    const where = `${relative(root, declaration.getSourceFile().fileName)}:${declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart()).line + 1}`;
    if (!doc.text) undocumented.push({ entry: entry.specifier, name, kind, where });
    const signatures =
      symbol.flags & ts.SymbolFlags.Function
        ? declarations.filter(ts.isFunctionDeclaration).filter((d) => declarations.length === 1 || !d.body)
        : [declaration];
    items.push({
      name,
      kind,
      doc,
      where,
      signature: (signatures.length ? signatures : [declaration]).map((d) => signatureText(d, name)).join('\n'),
      members: membersOf(declaration),
    });
  }
  sections.push({ entry, items });
}

// --- Render --------------------------------------------------------------------------------------------------

function renderTags(tags) {
  const lines = [];
  const defaults = tags.filter((t) => t.name === 'default');
  if (defaults.length) lines.push(`**Default:** \`${defaults.map((t) => t.text).join(', ')}\``, '');
  for (const tag of tags.filter((t) => !['default', 'example'].includes(t.name))) {
    const label = tag.name === 'deprecated' ? '**Deprecated.**' : tag.name === 'see' ? '**See:**' : `**@${tag.name}**`;
    lines.push(`${label} ${tag.text}`.trim(), '');
  }
  for (const example of tags.filter((t) => t.name === 'example')) {
    const code = example.text.replace(/^```\w*\n?|\n?```$/g, '');
    lines.push('**Example**', '', '```ts', code, '```', '');
  }
  return lines;
}

function renderItem(entry, item) {
  const lines = [
    `<a id="${anchor(entry, item.name)}"></a>`,
    `### \`${item.name}\``,
    '',
    `*${item.kind}* · \`${item.where.replace(/:\d+$/, '')}\``,
    '',
  ];
  lines.push('```ts', item.signature, '```', '');
  if (item.doc.text) lines.push(item.doc.text, '');
  else lines.push('*(No doc comment in the source.)*', '');
  lines.push(...renderTags(item.doc.tags));
  if (item.members.length) {
    lines.push('| Member | Type | Description |', '| --- | --- | --- |');
    for (const member of item.members) {
      const fallback = member.doc.tags.find((t) => t.name === 'default');
      const deprecated = member.doc.tags.find((t) => t.name === 'deprecated');
      const description = [
        deprecated ? `**Deprecated.** ${deprecated.text}` : '',
        member.doc.text,
        fallback ? `Default: \`${fallback.text}\`.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      lines.push(`| \`${cell(member.name)}\` | \`${cell(member.type)}\` | ${cell(description)} |`);
    }
    lines.push('');
  }
  return lines;
}

function render() {
  const lines = [
    '# API reference',
    '',
    '<!-- Generated by `npm run docs:api` (scripts/api-docs.mjs) from the JSDoc in the source. Do not edit by hand: `npm run check:docs` fails when this file is out of date. -->',
    '',
    'Three entries, each with ESM and CommonJS builds and type declarations:',
    '',
  ];
  for (const { entry, items } of sections)
    lines.push(`- [\`${entry.specifier}\`](#${anchor(entry, 'entry')}) — ${items.length} exports. ${entry.about}`);
  for (const entry of missingEntries) lines.push(`- \`${entry.specifier}\` — not written yet.`);
  lines.push('');
  for (const { entry, items } of sections) {
    lines.push(
      `<a id="${anchor(entry, 'entry')}"></a>`,
      `## \`${entry.specifier}\``,
      '',
      entry.about,
      '',
      '```ts',
      `import { … } from '${entry.specifier}';`,
      '```',
      '',
    );
    const byKind = KIND_ORDER.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length);
    for (const group of byKind) {
      lines.push(`**${KIND_TITLE[group.kind]}:** ${group.items.map((i) => `[\`${i.name}\`](#${anchor(entry, i.name)})`).join(', ')}`, '');
    }
    for (const group of byKind) {
      lines.push(`---`, '', `## ${KIND_TITLE[group.kind]} — \`${entry.specifier}\``, '');
      for (const item of group.items) lines.push(...renderItem(entry, item));
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

const markdown = render();
const total = sections.reduce((n, s) => n + s.items.length, 0);

if (undocumented.length) {
  console.log(`${undocumented.length} of ${total} exports have no doc comment:`);
  for (const u of undocumented) console.log(`  ${u.entry.padEnd(24)} ${u.kind.padEnd(10)} ${u.name.padEnd(28)} ${u.where}`);
}
for (const entry of missingEntries) console.log(`note: ${entry.file} does not exist yet; ${entry.specifier} is not documented`);

if (check) {
  const current = existsSync(output) ? readFileSync(output, 'utf8') : '';
  const stale = current !== markdown;
  if (stale) console.log(`docs/API.md is ${current ? 'out of date' : 'missing'}: run \`npm run docs:api\``);
  if (stale || undocumented.length) process.exit(1);
  console.log(`check:docs passed: ${total} exports documented, docs/API.md is up to date`);
} else {
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, markdown);
  console.log(`wrote ${relative(root, output)}: ${total} exports from ${sections.length} entries (${markdown.length} characters)`);
}
