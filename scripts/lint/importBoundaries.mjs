/**
 * ESLint rule `planbench/import-boundaries`: what may import what, read from one table of
 * boundaries (eslint.config.mjs). Each import is resolved to a path from the repository root
 * (relative specifiers) or to a package name (bare specifiers), so one entry such as 'electron/core/store/'
 * covers every depth of '../' that reaches it — the table names folders, not import strings.
 *
 * A boundary: { name, files, except?, mayImportOnly?, mayNotImport?, packages?, nodeBuiltins?, typesAllowed?,
 * because, pending? }. `typesAllowed`: an `import type` is let through (it is erased: nothing is loaded). Paths are repository-relative: 'shared/' (ending in '/') is a folder and all below it,
 * 'electron/shell/main.ts' one file (the extension may be left out on either side). `pending` lists files
 * that break the boundary today and are being fixed elsewhere; they are skipped until then.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** A path with forward slashes and without a source-file extension, so 'a/b.ts' and 'a/b' compare equal. */
function normalise(relativePath) {
  return relativePath.split(path.sep).join('/').replace(SOURCE_EXTENSION, '');
}

/** Whether a repository-relative path lies in one of the entries (folders end in '/'). */
export function within(relativePath, entries = []) {
  const target = normalise(relativePath);
  return entries.some((entry) => (entry.endsWith('/') ? `${target}/`.startsWith(entry) : target === normalise(entry)));
}

const BUILTINS = new Set(builtinModules);

/** 'node:fs', 'fs' and 'fs/promises' are Node built-ins; '@scope/pkg/x' belongs to '@scope/pkg'. */
function describeBareSpecifier(specifier) {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) {
    return { kind: 'builtin', name: specifier };
  }
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

function describeImport(specifier, importerDir, root) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const resolved = path.relative(root, path.resolve(importerDir, specifier));
    return { kind: 'path', name: normalise(resolved) };
  }
  return describeBareSpecifier(specifier);
}

/** Why the boundary refuses the import, or null when it allows it. */
function refusal(boundary, target) {
  if (target.kind === 'path') {
    if (target.name.startsWith('..')) return null; // outside the repository: not ours to police
    if (boundary.mayImportOnly && !within(target.name, boundary.mayImportOnly)) {
      return `may import only ${boundary.mayImportOnly.join(', ')}`;
    }
    if (within(target.name, boundary.mayNotImport)) return `may not import ${boundary.mayNotImport.join(', ')}`;
    return null;
  }
  if (target.kind === 'builtin') return boundary.nodeBuiltins === false ? 'may not import Node built-ins' : null;
  if (boundary.packages?.includes(target.name)) return `may not import the package '${target.name}'`;
  return null;
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforces the table of what each part of the code may import' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, boundaries: { type: 'array' } },
        required: ['root', 'boundaries'],
        additionalProperties: false,
      },
    ],
    messages: {
      refused: "{{file}} is in '{{boundary}}', which {{refusal}}: '{{specifier}}'. {{because}}",
    },
  },
  create(context) {
    const { root, boundaries } = context.options[0];
    const file = normalise(path.relative(root, context.filename));
    const applying = boundaries.filter(
      (b) => within(file, b.files) && !within(file, b.except) && !within(file, b.pending),
    );
    if (applying.length === 0) return {};
    const importerDir = path.dirname(context.filename);

    function check(sourceNode, typeOnly = false) {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const target = describeImport(sourceNode.value, importerDir, root);
      for (const boundary of applying) {
        if (typeOnly && boundary.typesAllowed) continue;
        const why = refusal(boundary, target);
        if (why) {
          context.report({
            node: sourceNode,
            messageId: 'refused',
            data: {
              file,
              boundary: boundary.name,
              refusal: why,
              specifier: sourceNode.value,
              because: boundary.because,
            },
          });
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
