/**
 * Loading a suite: schema errors with their JSON paths, every unknown name and bad hyper-parameter at once,
 * JSON syntax errors with their position, the shipped suites.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_SUITE as base, suiteProblems as problems } from '../../test/helpers';
import { loadSuite } from './load';


describe('suite errors', () => {
  it('reports schema errors with their JSON paths', () => {
    const msg = problems({ ...base, epochs: 0, seeds: [], extra: 1 });
    expect(msg).toContain('suites/x.json: not a valid suite');
    expect(msg).toContain('$.epochs: must be >= 1');
    expect(msg).toContain('$.seeds: must NOT have fewer than 1 items');
    expect(msg).toContain('$.extra: is not a known parameter');
  });

  it('reports every unknown name and bad hyper-parameter at once', () => {
    const msg = problems({
      ...base,
      models: ['lenet'],
      optimizers: ['adma', { name: 'sgd', params: { lr: -1, momentun: 0.9 } }],
      activations: ['rellu'],
    });
    expect(msg).toContain('(5 problems)');
    expect(msg).toContain('$.models[0]: unknown model "lenet" (did you mean "lenet5"?)');
    expect(msg).toContain('$.optimizers[0]: unknown optimizer "adma" (did you mean "adam"?)');
    expect(msg).toContain('$.optimizers[1].params.lr: must be > 0');
    expect(msg).toContain('$.optimizers[1].params.momentun: is not a known parameter');
    expect(msg).toContain('$.activations[0]: unknown activation "rellu" (did you mean "relu"?)');
  });

  it('names the file and position of a JSON syntax error', () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-suite-')), 's.json');
    fs.writeFileSync(f, '{\n  "name": "x",\n  "epochs": 1,,\n}');
    expect(() => loadSuite(f)).toThrow(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON at line 3, column 15`));
    expect(() => loadSuite(`${f}.missing`)).toThrow(`${f}.missing: no such file`);
  });

  it('validates the shipped suites', () => {
    const dir = path.join(__dirname, '..', '..', 'suites');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      expect(loadSuite(path.join(dir, f)).trials.length).toBeGreaterThan(0);
    }
  });
});
