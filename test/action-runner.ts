/**
 * A small runner of the composite action in action.yml, for test/action.test.ts: it evaluates the `if:`
 * conditions and `${{ }}` expressions the action uses (inputs, github, steps outputs, literals, ==, !=,
 * &&, ||, parentheses), runs each shell step with bash in a temporary workspace, collects
 * $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY, and records the `uses:` steps it would run without running
 * them. A stub `gh` (GitHub's CLI) answers from files the test writes. Not a GitHub runner: enough to
 * check that the action's steps fit together.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..');

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

export interface ActionFile {
  inputs: Record<string, { required?: boolean; default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export const ACTION: ActionFile = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

export interface Context {
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  steps: Record<string, { outputs: Record<string, string> }>;
  runner: Record<string, string>;
}

/** The value of a context path (`inputs.suite`, `github.event.pull_request.number`); '' when absent. */
function lookup(ctx: Context, ref: string): string {
  let v: unknown = ctx;
  for (const part of ref.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/** Evaluates an expression of the action's kind; values are strings, '' is false. */
export function evaluate(expr: string, ctx: Context): string {
  const tokens = expr.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[()]|[A-Za-z_][\w.-]*|\d+/g) ?? [];
  let i = 0;
  const primary = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`incomplete expression: ${expr}`);
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(t)) return t;
    if (t === 'true' || t === 'false') return t === 'true' ? 'true' : '';
    return lookup(ctx, t);
  };
  const cmp = (): string => {
    const a = primary();
    if (tokens[i] === '==' || tokens[i] === '!=') {
      const op = tokens[i++];
      const b = primary();
      return (a === b) === (op === '==') ? 'true' : '';
    }
    return a;
  };
  const and = (): string => {
    let v = cmp();
    while (tokens[i] === '&&') {
      i++;
      const w = cmp();
      v = v ? w : v;
    }
    return v;
  };
  const or = (): string => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const w = and();
      v = v || w;
    }
    return v;
  };
  return or();
}

/** `text` with each `${{ expr }}` replaced by its value. */
export function interpolate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => evaluate(e, ctx));
}

/** The inputs of a run: the given ones over the action's defaults (github.token is 'gh-token'). */
export function inputsOf(given: Record<string, string>): Record<string, string> {
  const base: Context = { inputs: {}, github: { token: 'gh-token' }, steps: {}, runner: {} };
  const defaults = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, interpolate(v.default ?? '', base)]));
  return { ...defaults, ...given };
}

export interface StepResult {
  step: string;
  ran: boolean;
  /** Whether its condition held (a `uses:` step that a runner would have run). */
  wanted?: boolean;
  code?: number;
  out?: string;
  err?: string;
}

export interface ActionRun {
  steps: StepResult[];
  summary: string;
  ctx: Context;
  /** The arguments of each call of the stub gh, one line each. */
  gh: string[];
  /** Whether every step that ran exited 0 (what the job's status would be). */
  ok: boolean;
}

export interface RunOptions {
  inputs: Record<string, string>;
  github?: Record<string, unknown>;
  /** The workspace (the caller's checkout). */
  workspace: string;
  /** The stub gh's folder of answers: runs.json, artifacts/<run>/<name>/, comments.json, deny. */
  ghData: string;
  /** Steps not to run, by name (the install: npm ci). */
  skip?: string[];
  env?: Record<string, string>;
}

const GH_STUB = `#!/usr/bin/env bash
# The stub of GitHub's CLI for test/action.test.ts.
echo "$*" >> "$GH_DATA/gh.log"
jqf=''; method=GET; args=(); dir=''; name=''; body=''
while [ $# -gt 0 ]; do
  case "$1" in
    --jq) jqf=$2; shift 2 ;;
    -X) method=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    -f) body=\${2#body=}; shift 2 ;;
    --repo | --workflow | --branch | --status | --limit | --json) shift 2 ;;
    --paginate) shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ "\${args[0]} \${args[1]}" = "run list" ]; then jq -r "$jqf" "$GH_DATA/runs.json"; exit; fi
if [ "\${args[0]} \${args[1]}" = "run download" ]; then
  src="$GH_DATA/artifacts/\${args[2]}/$name"
  [ -d "$src" ] || { echo "no artifact matches any of the names or patterns provided" >&2; exit 1; }
  mkdir -p "$dir" && cp -r "$src"/. "$dir"/; exit
fi
if [ "\${args[0]}" = api ]; then
  if [ "$method" = GET ]; then jq -r "$jqf" "$GH_DATA/comments.json"; exit; fi
  [ -e "$GH_DATA/deny" ] && { echo "HTTP 403: Resource not accessible by integration" >&2; exit 1; }
  printf '%s %s\\n%s\\n' "$method" "\${args[1]}" "$body" >> "$GH_DATA/posted.log"; exit
fi
echo "gh stub: unknown call $*" >&2; exit 1
`;

/** A folder that stands for the action's checkout: this repository's files, with bin/bench.js running the TypeScript CLI. */
function actionCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-action-'));
  for (const f of ['scripts', 'node_modules', 'package.json', 'suites', 'data', 'core', 'plugins', 'tsconfig.json']) fs.symlinkSync(path.join(ROOT, f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(
    path.join(dir, 'bin', 'bench.js'),
    `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'tsconfig.json'))} });\n` +
      `require(${JSON.stringify(path.join(ROOT, 'core/cli/main.ts'))}).main(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n`,
  );
  const bin = path.join(dir, 'stub-bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'gh'), GH_STUB, { mode: 0o755 });
  return dir;
}

/** Runs the action's steps in order, as a runner would (a failed step skips the rest, `if:` aside). */
export function runAction(opts: RunOptions): ActionRun {
  const actionPath = actionCheckout();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-runner-temp-'));
  const summaryFile = path.join(temp, 'summary.md');
  fs.writeFileSync(summaryFile, '');
  const ctx: Context = {
    inputs: inputsOf(opts.inputs),
    github: { token: 'gh-token', action_path: actionPath, workflow_ref: 'lab/proj/.github/workflows/gate.yml@refs/pull/7/merge', ...opts.github },
    steps: {},
    runner: { os: 'Linux', arch: 'X64' },
  };
  const results: StepResult[] = [];
  let failed = false;
  for (const [n, step] of ACTION.runs.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${n}`;
    // A step's `if:` without a status function means success() && ...: after a failure nothing runs.
    const wanted = !failed && (!step.if || evaluate(step.if, ctx) !== '');
    if (!wanted || !step.run || opts.skip?.includes(label)) {
      results.push({ step: label, ran: false, wanted });
      continue;
    }
    const output = path.join(temp, `output-${n}`);
    fs.writeFileSync(output, '');
    const env = {
      ...process.env,
      ...opts.env,
      PATH: `${path.join(actionPath, 'stub-bin')}${path.delimiter}${process.env.PATH}`,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_REPOSITORY: 'lab/proj',
      RUNNER_TEMP: temp,
      GH_DATA: opts.ghData,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)])),
    };
    const cwd = step['working-directory'] ? interpolate(step['working-directory'], ctx) : opts.workspace;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', interpolate(step.run, ctx)], { cwd, env, encoding: 'utf8' });
    results.push({ step: label, ran: true, wanted, code: r.status ?? 1, out: r.stdout, err: r.stderr });
    if (step.id) {
      const lines = fs.readFileSync(output, 'utf8').split('\n').filter((l) => l.includes('='));
      ctx.steps[step.id] = { outputs: Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) };
    }
    if (r.status !== 0) failed = true;
  }
  const ghLog = path.join(opts.ghData, 'gh.log');
  return {
    steps: results,
    summary: fs.readFileSync(summaryFile, 'utf8'),
    ctx,
    gh: fs.existsSync(ghLog) ? fs.readFileSync(ghLog, 'utf8').trim().split('\n') : [],
    ok: !failed,
  };
}
