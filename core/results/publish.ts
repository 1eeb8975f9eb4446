/**
 * `bench publish`: a shareable copy of a run's results, for a paper or a public repository. A results file
 * records where it ran (the hostname, the native library folder, the data folder, the suite file as given,
 * paths in messages): fine for a lab's own runs, not for a file attached to a paper. The copy drops the
 * hostname and the local folders, makes paths relative (to the folder bench was run from, or `~`), and
 * keeps everything needed to check and rerun the run (the suite, dataset ids and checksums, versions, the
 * hardware model, every trial); it is validated against the results schema before it is written, beside a
 * Markdown methods paragraph (core/results/methods.ts). Knows results documents and files; nothing of runs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchError, InputError } from '../util/errors';
import { readResults, resultsProblems, type ResultsDocument, writeFileAtomic } from './document';
import { mergeResults } from './merge';
import { methodsParagraph } from './methods';
import type { RunDocument } from './run-info';

/** The folders whose absolute paths a copy must not show. */
export interface PrivatePlaces {
  /** The folder bench was run from: paths under it become relative. */
  cwd: string;
  /** The home folder: paths under it become `~/...`. */
  home: string;
}

const here = (): PrivatePlaces => ({ cwd: process.cwd(), home: os.homedir() });

/** A shareable copy of `doc` and the places where an absolute path is still left (a `$.path: value` line each). */
export interface ShareableCopy {
  doc: ResultsDocument;
  leftovers: string[];
}

/** `p` relative to `cwd` when under it, else `~/...` under `home`, else `p`; every path separator `/`. */
function shareablePath(p: string, at: PrivatePlaces): string {
  const under = (root: string) => root.length > 1 && (p === root || p.startsWith(root + path.sep) || p.startsWith(`${root}/`));
  if (under(at.cwd)) return path.relative(at.cwd, p).split(path.sep).join('/') || '.';
  if (under(at.home)) return `~/${path.relative(at.home, p).split(path.sep).join('/')}`;
  return p;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Not inside a longer name or path: what may stand before a path, or a name, that is replaced. */
const START = '(?<![\\w.~/\\\\-])';

/** `text` with every absolute path under `cwd` or `home` made shareable (paths inside messages). */
function scrubText(text: string, at: PrivatePlaces): string {
  let out = text;
  for (const [root, below, itself] of [
    [at.cwd, '', '.'],
    [at.home, '~/', '~'],
  ] as const) {
    if (root.length <= 1) continue;
    out = out.replace(new RegExp(`${START}${escape(root)}[/\\\\]`, 'g'), below).replace(new RegExp(`${START}${escape(root)}(?![\\w./\\\\-])`, 'g'), itself);
  }
  return out;
}

/** `text` with the host's name replaced by `<host>` where it stands as a name (`on lab-3`, not `lab-3x` or `vm.run`). */
function withoutHost(text: string, host: string | undefined): string {
  return host ? text.replace(new RegExp(`${START}${escape(host)}(?![\\w-]|\\.\\w)`, 'g'), '<host>') : text;
}

/** Applies `f` to every string of `value`, recursively. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** `$.path: value` for each string of `value` that still holds an absolute path. */
function absolutePaths(value: unknown, at = '$'): string[] {
  if (typeof value === 'string') return /(^|[\s'"(=:])(\/[^\s/]+\/|[A-Za-z]:\\)/.test(value) ? [`${at}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => absolutePaths(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => absolutePaths(v, `${at}.${k}`));
  return [];
}

/**
 * The shareable copy of `doc`: hostname, native library folder and data folders dropped; the suite file
 * and merged files relative (a file outside `cwd` and `home` keeps its name only); absolute paths under
 * `cwd` or `home` in any text made relative; the hostname in messages replaced by `<host>`.
 */
export function shareableCopy(doc: ResultsDocument, at: PrivatePlaces = here()): ShareableCopy {
  const host = doc.environment.hostname;
  const fileName = (f: string) => {
    const p = shareablePath(path.resolve(at.cwd, f), at);
    return path.isAbsolute(p) ? path.basename(p) : p;
  };
  const text = (s: string) => withoutHost(scrubText(s, at), host);
  const { hostname: _hostname, backend, ...environment } = doc.environment;
  const { libraries: _libraries, ...shownBackend } = backend;
  const run = (doc as Partial<RunDocument>).run;
  const copy = {
    ...doc,
    environment: { ...environment, backend: { ...shownBackend, notes: (backend.notes ?? []).map(text) } },
    suite: { ...doc.suite, file: fileName(doc.suite.file) },
    datasets: (doc.datasets ?? []).map(({ source: _source, ...d }) => d),
    trials: doc.trials.map((t) => (t.status === 'failed' ? { ...t, error: text(t.error) } : t)),
    ...(run ? { run: { ...run, ...(run.mergedFrom ? { mergedFrom: run.mergedFrom.map(({ hostname: _h, ...m }) => ({ ...m, file: fileName(m.file) })) } : {}) } } : {}),
  };
  const scrubbed = mapStrings(copy, (s) => scrubText(s, at)) as ResultsDocument;
  return { doc: scrubbed, leftovers: absolutePaths(scrubbed) };
}

export interface PublishOptions {
  force?: boolean;
  /** Publish an incomplete run (or an incomplete merge of shards) instead of refusing it. */
  partial?: boolean;
  places?: PrivatePlaces;
}

/** What publishResults wrote. */
export interface Published {
  doc: ResultsDocument;
  out: string;
  methodsFile: string;
  methods: string;
  leftovers: string[];
}

/** The methods paragraph's file beside `out`: `paper.json` -> `paper.methods.md`. */
export function methodsFileOf(out: string): string {
  return `${out.replace(/\.json$/i, '')}.methods.md`;
}

/**
 * `bench publish`: reads `files` (one run, or the shards of one run, merged as `bench merge` does), writes
 * its shareable copy to `out` (refused when it exists, unless `force`) and the methods paragraph beside it.
 */
export function publishResults(files: readonly string[], out: string, opts: PublishOptions = {}): Published {
  if (files.length === 0) throw new InputError('name a results file to publish');
  const methodsFile = methodsFileOf(out);
  for (const f of [out, methodsFile]) if (fs.existsSync(f) && !opts.force) throw new InputError(`${f} exists; pass --force to overwrite it`);
  const inputs = files.map((file) => ({ file, doc: readResults(file) }));
  const doc = inputs.length === 1 ? inputs[0]!.doc : mergeResults(inputs, { partial: opts.partial });
  if (doc.complete === false && !opts.partial) {
    const planned = (doc as Partial<RunDocument>).run?.plannedTrials.length;
    const held = planned === undefined ? `${doc.trials.length} trials` : `${doc.trials.length} of ${planned} trials`;
    throw new InputError(`${files[0]}: an incomplete run (${held}); finish it with bench run --resume ${files[0]}, or pass --partial`);
  }
  const copy = shareableCopy(doc, opts.places);
  const problems = resultsProblems(copy.doc);
  if (problems.length > 0) throw new BenchError(`internal error: the shareable copy does not match the results schema:\n  ${problems.join('\n  ')}`, 1);
  const methods = methodsParagraph(copy.doc, path.basename(out));
  writeFileAtomic(out, `${JSON.stringify(copy.doc, null, 2)}\n`);
  writeFileAtomic(methodsFile, `${methods}\n`);
  return { doc: copy.doc, out, methodsFile, methods, leftovers: copy.leftovers };
}
