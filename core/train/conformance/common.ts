/**
 * The conformance checks of every kind of plugin: its hyper-parameter schema (a default and a description
 * for each parameter, defaults that validate, an unknown parameter refused; an optimizer's numeric `lr`,
 * which the harness scales by the schedule) and the doc comment its module opens with. Reads the plugin's
 * declaration and its source file only: runs no tensor code.
 */
import * as fs from 'node:fs';
import type { Plugin } from '../../plugin/contracts';
import { defaultParams, resolveParams } from '../../plugin/params';
import type { Check } from './types';

/** Every parameter declared with a default and a description; the defaults valid; unknown names refused. */
export function schemaCheck(plugin: Plugin): Check {
  return {
    check: 'schema: defaults and descriptions',
    run() {
      const problems: string[] = [];
      for (const [name, s] of Object.entries(plugin.params.properties)) {
        if (!('default' in s)) problems.push(`${name} has no default`);
        if (typeof s.description !== 'string' || s.description.trim() === '') problems.push(`${name} has no description`);
      }
      const issues = resolveParams(plugin.params, defaultParams(plugin.params), '$').issues;
      problems.push(...issues.map((i) => `the defaults do not validate: ${i.path}: ${i.message}`));
      const unknown = resolveParams(plugin.params, { notAParameter: 1 }, '$').issues;
      if (!unknown.some((i) => i.path === '$.notAParameter' && i.message === 'is not a known parameter')) problems.push('an unknown parameter is accepted');
      if (plugin.kind === 'optimizer' && plugin.params.properties.lr?.type !== 'number') problems.push('no `lr` parameter of type number (the harness scales it by the schedule)');
      if (problems.length > 0) return { failed: problems.join('; ') };
      const n = Object.keys(plugin.params.properties).length;
      return `${n} parameter${n === 1 ? '' : 's'}`;
    },
  };
}

/**
 * The text of the file's opening comment when it is a doc comment (`/**`), or undefined. A shebang and
 * a `use strict` directive (which tsc puts first in its output) may stand before it.
 */
export function openingDocComment(text: string): string | undefined {
  const rest = text.replace(/^#![^\n]*\n/, '').replace(/^\s*(['"])use strict\1;?/, '').trimStart();
  if (!rest.startsWith('/**')) return undefined;
  const end = rest.indexOf('*/');
  return end < 0 ? undefined : rest.slice(0, end + 2);
}

/** The plugin's module opens with a doc comment (its rule, the paper, how it differs from tf and torch). */
export function docCommentCheck(source: string | undefined): Check {
  return {
    check: 'doc comment',
    run() {
      if (!source) return { skipped: 'the module file is not known' };
      const comment = openingDocComment(fs.readFileSync(source, 'utf8'));
      if (!comment) return { failed: `${source} does not open with a /** doc comment */` };
      const lines = comment.split('\n').length;
      return `${lines} line${lines === 1 ? '' : 's'}`;
    },
  };
}
