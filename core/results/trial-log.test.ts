/**
 * The crash-safe trial log beside a results file: its place, header and one line per trial, a torn last
 * line dropped and cut before appending, a damaged middle line or missing header refused.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../util/errors';
import type { TrialRecord } from '../train/record';
import { type LogHeader, logFileOf, readTrialLog, TrialLog } from './trial-log';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-log-'));
const header: LogHeader = {
  kind: 'header',
  format: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  suite: { name: 's', file: 's.json', spec: {} as LogHeader['suite']['spec'] },
  plannedTrials: ['a-s1', 'a-s2', 'a-s3'],
  shard: null,
  code: { version: '0.1.0', gitCommit: null, hash: 'abc' },
  backend: 'wasm',
};
const rec = (id: string) => ({ id, label: id, seed: 1, status: 'ok' }) as unknown as TrialRecord;

describe('trial log', () => {
  it('sits next to the results file', () => {
    expect(logFileOf('results/x.json')).toBe('results/x.json.trials.jsonl');
  });

  it('writes a header and one line per trial, readable back', () => {
    const f = path.join(tmp, 'a.jsonl');
    const log = TrialLog.create(f, header);
    log.append(rec('a-s1'));
    log.append(rec('a-s2'));
    log.close();
    const text = fs.readFileSync(f, 'utf8');
    expect(text.split('\n')).toHaveLength(4); // 3 lines and the final newline
    const back = readTrialLog(f);
    expect(back.header).toEqual(header);
    expect(back.records.map((r) => r.id)).toEqual(['a-s1', 'a-s2']);
    expect(back.torn).toBe(false);
  });

  it('drops a torn last line (a crash mid-write) and reopen() cuts it before appending', () => {
    const f = path.join(tmp, 'torn.jsonl');
    const log = TrialLog.create(f, header);
    log.append(rec('a-s1'));
    log.close();
    fs.appendFileSync(f, '{"kind":"trial","record":{"id":"a-s2","lab');
    const torn = readTrialLog(f);
    expect(torn.torn).toBe(true);
    expect(torn.records.map((r) => r.id)).toEqual(['a-s1']);
    const again = TrialLog.reopen(f);
    again.append(rec('a-s3'));
    again.close();
    const back = readTrialLog(f);
    expect(back.torn).toBe(false);
    expect(back.records.map((r) => r.id)).toEqual(['a-s1', 'a-s3']);
  });

  it('refuses a damaged middle line or a missing header, naming the line', () => {
    const f = path.join(tmp, 'bad.jsonl');
    fs.writeFileSync(f, `${JSON.stringify(header)}\nnot json\n${JSON.stringify({ kind: 'trial', record: rec('x') })}\n`);
    expect(() => readTrialLog(f)).toThrow(InputError);
    expect(() => readTrialLog(f)).toThrow(/bad\.jsonl: line 2 is not valid JSON/);
    fs.writeFileSync(f, `${JSON.stringify({ kind: 'trial', record: rec('x') })}\n`);
    expect(() => readTrialLog(f)).toThrow(/line 1 is not a bench trial-log header/);
    expect(() => readTrialLog(path.join(tmp, 'none.jsonl'))).toThrow(/none\.jsonl: no such file/);
  });
});
