/// <reference lib="dom" />
/**
 * The HTML report opened in a real browser: Debian's chromium, headless, driven by puppeteer-core.
 * Checks that every plot is laid out at a real size with its marks drawn, and that the ranked table
 * and environment are there. Skips, saying so, where chromium is not installed
 * (`apt-get install -y chromium`; CHROMIUM_PATH names another binary).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readResults } from '../results/document';
import { htmlReport, renderPlots } from './html';
import { buildReport } from './model';

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => Boolean(c));
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

const chromium = findChromium();
const suite = chromium ? describe : describe.skip;
if (!chromium) {
  console.warn('html-browser.test.ts skipped: chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)');
}

interface PlotInfo {
  name: string;
  width: number;
  height: number;
  marks: Record<string, number>;
}

suite(`HTML report in headless Chromium${chromium ? '' : ' (skipped: chromium not installed)'}`, () => {
  const ROOT = path.join(__dirname, '..', '..');
  const FIXTURE = 'test/fixtures/results-small.json';
  let dir: string;
  let plots: PlotInfo[];
  let rows: string[][];
  let envText: string;

  beforeAll(async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-html-'));
    const report = buildReport([{ file: FIXTURE, doc: readResults(path.join(ROOT, FIXTURE)) }]);
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, htmlReport(report, await renderPlots(report)));
    const browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      userDataDir: path.join(dir, 'profile'),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 1000 });
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      plots = await page.$$eval('figure[data-plot]', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('svg')!;
          const box = svg.getBoundingClientRect();
          const marks: Record<string, number> = {};
          for (const g of Array.from(svg.querySelectorAll('g.role-mark'))) {
            const kind = Array.from(g.classList).find((c) => c.startsWith('mark-'))!.slice(5);
            // Count drawn shapes with a real extent (a mark that failed to render has none).
            const drawn = Array.from(g.children).filter((el) => {
              const b = (el as SVGGraphicsElement).getBBox();
              return b.width > 0 || b.height > 0;
            }).length;
            marks[kind] = (marks[kind] ?? 0) + drawn;
          }
          return { name: f.getAttribute('data-plot')!, width: box.width, height: box.height, marks };
        }),
      );
      rows = await page.$$eval('table.ranking tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((td) => (td as HTMLElement).innerText)));
      envText = await page.$eval('table.env', (t) => (t as HTMLElement).innerText);
    } finally {
      await browser.close();
    }
  }, 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lays out every plot at a real size', () => {
    expect(plots.map((p) => p.name)).toEqual([
      'loss-vs-epoch',
      'accuracy-vs-epoch',
      'loss-vs-seconds',
      'accuracy-vs-seconds',
      'final-accuracy',
      'confusion-best',
    ]);
    for (const p of plots) {
      expect(p.width).toBeGreaterThan(200);
      expect(p.height).toBeGreaterThan(150);
    }
  });

  it('draws the marks: curves, seeds, the confusion heatmap', () => {
    const by = Object.fromEntries(plots.map((p) => [p.name, p.marks]));
    // 4 configurations x 2 splits (train, validation): 8 lines, 8 bands.
    expect(by['loss-vs-epoch']).toMatchObject({ line: 8, area: 8 });
    expect(by['accuracy-vs-seconds']).toMatchObject({ line: 8, area: 8 });
    // 10 ok trials as points; 4 mean ticks; 3 CIs (rmsprop has one ok seed, no CI).
    expect(by['final-accuracy']).toMatchObject({ symbol: 10, rect: 4, rule: 3 });
    // The fixture's confusion matrices are 3 x 3: 9 cells, 9 counts.
    expect(by['confusion-best']).toMatchObject({ rect: 9, text: 9 });
  });

  it('shows the ranked table and the environment', () => {
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['1', 'adam(lr=0.001)'],
      ['1', 'sgd-momentum'],
      ['3', 'sgd(lr=0.05)'],
      ['4', 'rmsprop(lr=0.01)'],
    ]);
    expect(envText).toContain('Test CPU, 2 cores');
    expect(envText).toContain('@tensorflow/tfjs-backend-wasm');
  });
});
