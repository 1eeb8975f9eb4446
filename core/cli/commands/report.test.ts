/**
 * `bench report` end to end on a fixture: JSON with the ranking and its statistics, CSV per epoch and per
 * trial, self-contained HTML with SVG plots.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryIO } from '../io';
import { main } from '../main';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test/fixtures/results-small.json');

describe('bench report', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['table', 'markdown', 'latex', 'csv', 'json'])('prints --format %s on stdout', async (format) => {
    const io = memoryIO();
    expect(await main(['report', FIXTURE, '--format', format], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain('sgd-momentum');
    expect(io.stderr).toEqual([]);
  });

  it('writes JSON with the ranking, its method and its statistics', async () => {
    const out = path.join(dir, 'r.json');
    expect(await main(['report', FIXTURE, '-f', 'json', '-o', out], memoryIO())).toBe(0);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ reportVersion: 1, rankBy: 'testAccuracy', alpha: 0.05, target: { metric: 'valAccuracy', value: 0.9 }, profiles: null });
    expect(doc.ranking.map((e: { rank: number }) => e.rank)).toEqual([1, 1, 3, 4]);
    // sgd-momentum against adam, seed by seed: differences 0.01, 0, 0.02; scipy.stats.ttest_rel gives p = 0.22540333075851665.
    expect(doc.ranking[1].vsBest).toMatchObject({ test: 'paired-t', df: 2, n: 3 });
    expect(doc.ranking[1].vsBest.p).toBeCloseTo(0.22540333075851665, 10);
    expect(doc).toMatchObject({ testChoice: 'auto', correction: 'holm', interval: 'bootstrap' });
    expect(doc.test).toBe("the paired t-test on per-seed differences, from 6 seeds the Wilcoxon signed-rank test (exact); Welch's t-test where the seeds differ; two-sided");
  });

  it('ranks with the statistics asked for: --test, --correction, --interval, --alpha', async () => {
    const io = memoryIO();
    expect(await main(['report', FIXTURE, '-f', 'json', '--test', 'wilcoxon', '--correction', 'none', '--interval', 't', '--alpha', '0.3'], io)).toBe(0);
    const doc = JSON.parse(io.stdout.join('\n'));
    expect(doc).toMatchObject({ alpha: 0.3, testChoice: 'wilcoxon', correction: 'none', interval: 't' });
    // Wilcoxon on sgd-momentum's differences -0.01, 0, -0.02: the 0 dropped, both negative: exact p = 2 / 2^2 = 0.5.
    expect(doc.ranking[1].vsBest).toMatchObject({ test: 'wilcoxon', n: 2, p: 0.5, pAdjusted: 0.5 });
    expect(doc.ranking[0].testAccuracy).toMatchObject({ ciMethod: 't', ciScale: 'bounded', ciHigh: 1 });
    expect(doc.note).toContain('not adjusted for multiple comparisons');
    const bad = memoryIO();
    expect(await main(['report', FIXTURE, '--alpha', '1.5'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toContain('--alpha: expected a number between 0 and 1 (got 1.5)');
  });

  it('writes CSV as two files: per epoch, and per trial beside it', async () => {
    const out = path.join(dir, 'quick.csv');
    const io = memoryIO();
    expect(await main(['report', FIXTURE, '-f', 'csv', '-o', out], io)).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')).toHaveLength(1 + 21 + 1);
    expect(fs.readFileSync(path.join(dir, 'quick.trials.csv'), 'utf8').split('\n')).toHaveLength(1 + 12 + 1);
    expect(io.stderr).toEqual([`wrote ${out}`, `wrote ${path.join(dir, 'quick.trials.csv')}`]);
  });

  it('writes a self-contained HTML file and every plot as SVG with --svg-dir', async () => {
    const out = path.join(dir, 'report.html');
    const svgDir = path.join(dir, 'svg');
    expect(await main(['report', FIXTURE, '-f', 'html', '-o', out, '--svg-dir', svgDir], memoryIO())).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(fs.readdirSync(svgDir).sort()).toEqual([
      'accuracy-vs-epoch.svg',
      'accuracy-vs-seconds.svg',
      'confusion-best.svg',
      'final-accuracy.svg',
      'loss-vs-epoch.svg',
      'loss-vs-seconds.svg',
    ]);
    expect(html.match(/<svg\b/g)).toHaveLength(6);
    // Self-contained: nothing loaded from elsewhere.
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    for (const f of fs.readdirSync(svgDir)) expect(fs.readFileSync(path.join(svgDir, f), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('exits 2 with the reason on a corrupt or invalid results file, or a newer schema', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"schemaVersion": 1,');
    let io = memoryIO();
    expect(await main(['report', bad], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/bad\.json: not valid JSON/);

    const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    doc.trials[0].status = 'finished';
    fs.writeFileSync(bad, JSON.stringify(doc));
    io = memoryIO();
    expect(await main(['report', bad, '-f', 'html'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/bad\.json: not a valid results file\n.*\$\.trials\[0\]\.status/);

    doc.schemaVersion = 2;
    fs.writeFileSync(bad, JSON.stringify(doc));
    io = memoryIO();
    expect(await main(['report', bad], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/schemaVersion 2 was written by a newer bench; .* reads schemaVersion 1/);
  });

  it('merges several files, and refuses a trial that appears in two', async () => {
    const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    fs.writeFileSync(a, JSON.stringify({ ...doc, trials: doc.trials.slice(0, 6) }));
    fs.writeFileSync(b, JSON.stringify({ ...doc, trials: doc.trials.slice(6) }));
    let io = memoryIO();
    expect(await main(['report', a, b, '-f', 'json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).ranking).toHaveLength(4);
    io = memoryIO();
    expect(await main(['report', a, a], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/trial cfg-adam-s1 is also in/);
  });
});

describe('bench validate --results', () => {
  it('accepts a valid results file and says what it holds', async () => {
    const io = memoryIO();
    expect(await main(['validate', '--results', FIXTURE], io)).toBe(0);
    expect(io.stdout).toEqual([`${FIXTURE}: valid results (schemaVersion 1) of suite "fixture": 12 trials, 4 configurations`]);
  });

  it('refuses a file without schemaVersion or with an unknown one (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
    try {
      const f = path.join(dir, 'r.json');
      fs.writeFileSync(f, '{"trials": []}');
      let io = memoryIO();
      expect(await main(['validate', '--results', f], io)).toBe(2);
      expect(io.stderr.join('')).toContain('not a bench results file: $.schemaVersion is missing');
      fs.writeFileSync(f, '{"schemaVersion": "1"}');
      io = memoryIO();
      expect(await main(['validate', '--results', f], io)).toBe(2);
      expect(io.stderr.join('')).toContain('results schemaVersion "1" is unknown; this bench reads schemaVersion 1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still needs a suite without --results', async () => {
    const io = memoryIO();
    expect(await main(['validate'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('name a suite file, or pass --results FILE');
  });
});
