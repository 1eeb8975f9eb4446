/**
 * Dataset lookup by the name a suite uses: one provider per dataset (core/data/<name>.ts), one table.
 */
import { InputError } from '../util/errors';
import { didYouMean } from '../util/did-you-mean';
import { cifar10 } from './cifar10';
import type { Dataset } from './dataset';
import { fashionMnist } from './fashion-mnist';
import { mnist } from './mnist';
import { type DatasetProvider, loadLocated, locate, searchDirs } from './provider';

/** A dataset made in code rather than read from files (tests register small ones); not fetched or listed. */
export interface InCodeDataset {
  name: string;
  summary: string;
  load(dataDir: string, announce: (line: string) => void): Dataset;
}

export type DatasetEntry = DatasetProvider | InCodeDataset;

export const DATASETS: Record<string, DatasetEntry> = {
  mnist,
  'fashion-mnist': fashionMnist,
  cifar10,
};

const isInCode = (e: DatasetEntry): e is InCodeDataset => 'load' in e;

/** The file-based datasets, in table order. */
export function fileDatasets(): DatasetProvider[] {
  return Object.values(DATASETS).filter((e): e is DatasetProvider => !isInCode(e));
}

function entry(name: string): DatasetEntry {
  const p = DATASETS[name];
  if (!p) throw new InputError(`unknown dataset "${name}"${didYouMean(name, Object.keys(DATASETS))}; known: ${Object.keys(DATASETS).join(', ')}`);
  return p;
}

/** The provider of file-based dataset `name`, or an InputError naming the unknown dataset. */
export function getProvider(name: string): DatasetProvider {
  const p = entry(name);
  if (isInCode(p)) throw new InputError(`dataset "${name}" is made in code; it has no files to fetch or verify`);
  return p;
}

/**
 * Loads dataset `name` from `dataDir` (or a system directory). When none of its files is found, uses
 * the provider's fallback (announcing it through `announce`) or throws an InputError saying how to get it.
 */
export function loadDataset(name: string, dataDir: string, announce: (line: string) => void = () => {}): Dataset {
  const e = entry(name);
  if (isInCode(e)) return e.load(dataDir, announce);
  const p = e;
  const loc = locate(p, dataDir);
  if (loc) return loadLocated(p, loc);
  if (p.fallback) {
    const sub = p.fallback();
    announce(
      `${name}: not found in ${searchDirs(p, dataDir).join(' or ')}; using the embedded subset ` +
        `(${sub.train.count} official training images, ${sub.test.count} test images) as dataset "${sub.id}"`,
    );
    return sub;
  }
  throw new InputError(
    `dataset ${name} not found (looked in ${searchDirs(p, dataDir).join(', ')}); ` +
      `run \`bench data fetch ${name}\`, or put ${p.files.join(', ')} in ${searchDirs(p, dataDir)[0]}`,
  );
}

export type { Dataset } from './dataset';
export type { DatasetProvider } from './provider';
