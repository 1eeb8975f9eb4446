/**
 * Dataset lookup by the name a suite uses: one provider per dataset (core/data/<name>.ts), one table.
 */
import { InputError } from '../errors';
import { didYouMean } from '../registry';
import { cifar10 } from './cifar10';
import type { Dataset } from './dataset';
import { fashionMnist } from './fashion-mnist';
import { mnist } from './mnist';
import { type DatasetProvider, loadLocated, locate, searchDirs } from './provider';

export const DATASETS: Record<string, DatasetProvider> = {
  mnist,
  'fashion-mnist': fashionMnist,
  cifar10,
};

/** The provider of `name`, or an InputError naming the unknown dataset. */
export function getProvider(name: string): DatasetProvider {
  const p = DATASETS[name];
  if (!p) throw new InputError(`unknown dataset "${name}"${didYouMean(name, Object.keys(DATASETS))}; known: ${Object.keys(DATASETS).join(', ')}`);
  return p;
}

/**
 * Loads dataset `name` from `dataDir` (or a system directory). When none of its files is found, uses
 * the provider's fallback (announcing it through `announce`) or throws an InputError saying how to get it.
 */
export function loadDataset(name: string, dataDir: string, announce: (line: string) => void = () => {}): Dataset {
  const p = getProvider(name);
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
