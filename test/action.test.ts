/**
 * The GitHub Action (action.yml) and the workflows of the docs: validated against GitHub's schemas
 * (@action-validator/core), wired consistently (inputs, step ids, scripts and the variables they need),
 * and run step by step (test/action-runner.ts: bash, a stub gh) on a real tiny suite: a push to main
 * with no baseline yet, a pull request with a regression against main's artifact (summary, one
 * comment, failed job), a later push (the comment edited, the job passing), a fork's read-only token.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { ACTION, runAction, type RunOptions } from './action-runner';

const ROOT = path.join(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const hasJq = spawnSync('jq', ['--version']).status === 0;
const withJq = hasJq ? it : it.skip; // the stub gh applies --jq filters with jq (hosted runners have it)
jest.setTimeout(180_000);

/** The ```yaml blocks of README.md and docs/*.md, with where they are (`file:line`). */
function yamlBlocks(): Array<{ where: string; text: string }> {
  const files = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.flatMap((file) => [...read(file).matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => ({ where: `${file}:${read(file).slice(0, m.index).split('\n').length}`, text: m[1]! })));
}

/** The `uses: .../bench@...` steps of a workflow or a list of steps. */
function benchSteps(doc: unknown): Array<{ uses: string; with?: Record<string, unknown> }> {
  const steps: unknown[] = Array.isArray(doc) ? doc : Object.values((doc as { jobs?: Record<string, { steps?: unknown[] }> }).jobs ?? {}).flatMap((j) => j.steps ?? []);
  return (steps as Array<{ uses?: string; with?: Record<string, unknown> }>).filter((s): s is { uses: string } => /\/bench@/.test(s.uses ?? ''));
}

describe('action.yml and the workflows of the docs', () => {
  it("action.yml validates against GitHub's action schema: a composite action", () => {
    expect(validateAction(read('action.yml')).errors).toEqual([]);
    expect(ACTION.runs.using).toBe('composite');
  });

  it('docs/bench-gate.yml validates as a workflow and uses the action', () => {
    expect(validateWorkflow(read('docs/bench-gate.yml')).errors).toEqual([]);
    expect(benchSteps(parse(read('docs/bench-gate.yml')))).toHaveLength(1);
  });

  it('every GitHub Actions yaml block of README and docs validates (steps wrapped in a job); a bench step gives known inputs and the required ones', () => {
    const blocks = yamlBlocks();
    expect(blocks.filter((b) => b.where.startsWith('README.md')).length).toBeGreaterThanOrEqual(1);
    expect(blocks.filter((b) => b.where.startsWith('docs/ci-gate.md')).length).toBeGreaterThanOrEqual(1);
    const inputs = Object.keys(ACTION.inputs);
    const required = inputs.filter((k) => ACTION.inputs[k]!.required);
    for (const b of blocks) {
      const doc = parse(b.text) as unknown;
      if (!Array.isArray(doc) && !(doc && typeof doc === 'object' && 'jobs' in doc)) continue; // not GitHub Actions (a Kubernetes Job)
      const workflow = Array.isArray(doc) ? { on: 'push', jobs: { gate: { 'runs-on': 'ubuntu-latest', steps: doc } } } : doc;
      expect({ where: b.where, errors: validateWorkflow(JSON.stringify(workflow)).errors }).toEqual({ where: b.where, errors: [] });
      for (const s of benchSteps(doc)) {
        const given = Object.keys(s.with ?? {});
        expect({ where: b.where, unknown: given.filter((k) => !inputs.includes(k)), missing: required.filter((k) => !given.includes(k)) }).toEqual({ where: b.where, unknown: [], missing: [] });
      }
    }
  });

  it('wiring: every input and step output it reads exists; every script exists, parses and gets the variables it needs', () => {
    const text = read('action.yml');
    const ids = ACTION.runs.steps.map((s) => s.id).filter(Boolean);
    for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(ACTION.inputs)).toContain(name);
    for (const [, id] of text.matchAll(/steps\.([\w-]+)\.outputs/g)) expect(ids).toContain(id);
    const scripts = ACTION.runs.steps.flatMap((s) => [...(s.run ?? '').matchAll(/\$GITHUB_ACTION_PATH\/(scripts\/action\/[\w.-]+\.sh)/g)].map((m) => ({ step: s, file: m[1]! })));
    expect(scripts.map((s) => s.file).sort()).toEqual(['scripts/action/baseline.sh', 'scripts/action/comment.sh', 'scripts/action/compare.sh', 'scripts/action/run.sh']);
    for (const { step, file } of scripts) {
      expect({ file, syntax: spawnSync('bash', ['-n', path.join(ROOT, file)], { encoding: 'utf8' }).stderr }).toEqual({ file, syntax: '' });
      const needs = /Needs: ([A-Z_,\s#]+)\./.exec(read(file))![1]!.replace(/#/g, '').trim().split(/,\s*/);
      const given = Object.keys(step.env ?? {});
      const missing = needs.filter((v) => !given.includes(v) && !/^(GITHUB_|RUNNER_)/.test(v));
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
  });
});

describe('the action, step by step', () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-action-ws-'));
  // The gate suite's shape (LeNet-5, SGD and Adam), 1 epoch and 2 seeds: 4 trials on the cut data below.
  const gateSuite = JSON.parse(fs.readFileSync(path.join(ROOT, 'suites/ci-gate.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(workspace, 'suite.json'), JSON.stringify({ ...gateSuite, $schema: undefined, epochs: 1, seeds: [1, 2] }));
  const env = { BENCH_TRAIN_LIMIT: '256', BENCH_TEST_LIMIT: '128', BENCH_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-no-data-')) };
  const main = { event_name: 'push', ref: 'refs/heads/main', event: { repository: { default_branch: 'main' } } };
  const pr = { event_name: 'pull_request', event: { repository: { default_branch: 'main' }, pull_request: { number: 7 } } };
  const results = path.join(workspace, 'bench-results.json');
  const SKIP_INSTALL = 'Install bench';

  /** A stub gh's answers: `runs` for gh run list, `artifacts[run][name]` files, `comments` on the pull request. */
  function ghData(d: { runs?: unknown[]; artifacts?: Record<string, Record<string, Record<string, unknown>>>; comments?: unknown[]; deny?: boolean } = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gh-'));
    fs.writeFileSync(path.join(dir, 'runs.json'), JSON.stringify(d.runs ?? []));
    fs.writeFileSync(path.join(dir, 'comments.json'), JSON.stringify(d.comments ?? []));
    for (const [run, byName] of Object.entries(d.artifacts ?? {})) {
      for (const [name, files] of Object.entries(byName)) {
        fs.mkdirSync(path.join(dir, 'artifacts', run, name), { recursive: true });
        for (const [f, v] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'artifacts', run, name, f), JSON.stringify(v));
      }
    }
    if (d.deny) fs.writeFileSync(path.join(dir, 'deny'), '');
    return dir;
  }
  const run = (o: Partial<RunOptions> & Pick<RunOptions, 'ghData'>) => runAction({ workspace, env, inputs: { suite: 'suite.json', 'run-args': '--workers 1' }, skip: [SKIP_INSTALL], ...o });
  const ran = (r: ReturnType<typeof runAction>) => Object.fromEntries(r.steps.map((s) => [s.step, s.ran ? s.code : s.wanted ? 'would run' : 'skipped']));
  const posted = (gh: string) => (fs.existsSync(path.join(gh, 'posted.log')) ? fs.readFileSync(path.join(gh, 'posted.log'), 'utf8') : '');

  withJq('a push to main with no baseline yet: runs the suite, uploads it, says there is nothing to compare, passes', () => {
    const gh = ghData();
    const r = run({ ghData: gh, github: main });
    expect(ran(r)).toEqual({
      'actions/setup-node@v4': 'would run',
      'TensorFlow version of the native build': 0,
      'Cache the native TensorFlow build': 'skipped', // backend wasm: no native build to cache
      'Install bench': 'would run', // npm ci: not run by the test
      'Run the suite': 0,
      'Upload the results (the baseline of later runs)': 'would run',
      'Find the baseline': 0,
      'Compare with the baseline': 'skipped',
      'Comment on the pull request': 'skipped',
      'Fail on a regression': 'skipped',
    });
    expect(r.ok).toBe(true);
    expect(r.ctx.steps.tf!.outputs.version).toBe('2.21.0');
    expect(r.summary).toBe('bench: no successful run of gate.yml on main yet: nothing to compare against.\n');
    expect(r.gh[0]).toMatch(/^run list --repo lab\/proj --workflow gate\.yml --branch main --status success/);
    const doc = JSON.parse(fs.readFileSync(results, 'utf8'));
    expect([doc.complete, doc.trials.length, doc.environment.backend.name, doc.run.dataLimits]).toEqual([true, 4, 'wasm', { train: 256, test: 128 }]);
  });

  withJq("a pull request against main's artifact with a regression: the table in the summary, one comment posted, the job fails", () => {
    const current = JSON.parse(fs.readFileSync(results, 'utf8'));
    const better = structuredClone(current);
    for (const t of better.trials) t.final.testAccuracy = Math.min(1, t.final.testAccuracy + 0.3);
    const gh = ghData({ runs: [{ databaseId: 43, event: 'pull_request' }, { databaseId: 42, event: 'push' }], artifacts: { 42: { 'bench-results': { 'bench-results.json': better } } } });
    const r = run({ ghData: gh, github: pr, skip: [SKIP_INSTALL, 'Run the suite'] });
    expect(r.gh).toContain(`run download 42 --repo lab/proj --name bench-results --dir ${path.join(path.dirname(r.ctx.steps.compare!.outputs.comparison!), 'bench-baseline')}`);
    expect(r.ctx.steps.compare!.outputs.code).toBe('1');
    expect(r.summary).toMatch(/^### ❌ bench compare: \d regressions?\n/);
    expect(r.summary).toContain('| ❌ **regression** |');
    expect(posted(gh)).toBe(`POST repos/lab/proj/issues/7/comments\n<!-- bench-action suite=suite.json -->\n${fs.readFileSync(r.ctx.steps.compare!.outputs.comparison!, 'utf8').trimEnd()}\n`);
    expect(r.steps.at(-1)).toMatchObject({ step: 'Fail on a regression', ran: true, code: 1 });
    expect(r.steps.at(-1)!.out).toContain('::error::bench compare exited 1');
    expect(r.ok).toBe(false);
  });

  withJq('a later push with no regression (a baseline file): the comment is edited in place and the job passes', () => {
    const gh = ghData({ comments: [{ id: 5, body: 'looks good' }, { id: 99, body: '<!-- bench-action suite=suite.json -->\nold table' }] });
    const r = run({ ghData: gh, github: pr, inputs: { suite: 'suite.json', baseline: 'bench-results.json', 'max-slowdown': '1000%' }, skip: [SKIP_INSTALL, 'Run the suite'] });
    expect(r.ctx.steps.baseline!.outputs.file).toBe('bench-results.json');
    expect(r.ctx.steps.compare!.outputs.code).toBe('0');
    expect(r.summary).toMatch(/^### ✅ bench compare: no regression\n/);
    expect(posted(gh).split('\n')[0]).toBe('PATCH repos/lab/proj/issues/comments/99');
    expect(r.ok).toBe(true);
  });

  withJq("a fork's read-only token: the comment fails with a warning, the job passes", () => {
    const gh = ghData({ deny: true });
    const r = run({ ghData: gh, github: pr, inputs: { suite: 'suite.json', baseline: 'bench-results.json', 'max-slowdown': '1000%' }, skip: [SKIP_INSTALL, 'Run the suite'] });
    const comment = r.steps.find((s) => s.step === 'Comment on the pull request')!;
    expect([comment.code, comment.out]).toEqual([0, '::warning::bench: could not comment on pull request #7 (a fork\'s read-only token?); the job summary has the comparison\n']);
    expect(r.ok).toBe(true);
  });

  it('files that cannot be compared: their message is the summary, and the job fails', () => {
    const r = run({ ghData: ghData(), github: main, inputs: { suite: 'suite.json', baseline: 'suite.json' }, skip: [SKIP_INSTALL, 'Run the suite'] });
    expect(r.ctx.steps.compare!.outputs.code).toBe('2');
    expect(r.summary).toMatch(/^### ⚠️ bench compare: the files cannot be compared\n\n```\nbench: suite\.json: not a bench results file/);
    expect(r.ok).toBe(false);
  });

  it('a baseline path that names no file is an error, not an artifact name', () => {
    const r = run({ ghData: ghData(), github: pr, inputs: { suite: 'suite.json', baseline: 'baselines/main.json' }, skip: [SKIP_INSTALL, 'Run the suite'] });
    expect(r.steps.find((s) => s.step === 'Find the baseline')).toMatchObject({ ran: true, code: 2, out: '::error::baseline baselines/main.json: no such file\n' });
    expect(r.gh).toEqual([]);
    expect(r.ok).toBe(false);
  });
});
