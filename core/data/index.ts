/**
 * Dataset lookup by the name a suite uses.
 */
import { InputError } from '../errors';
import { didYouMean } from '../registry';
import type { Dataset } from './dataset';
import { loadEmbeddedMnist, loadIdxDataset } from './mnist';

export interface DatasetProvider {
  name: string;
  summary: string;
  /** Loads the dataset; `announce` receives one line when a substitute (the embedded subset) is used. */
  load(dataDir: string, announce: (line: string) => void): Dataset;
}

export const DATASETS: Record<string, DatasetProvider> = {
  mnist: {
    name: 'mnist',
    summary: 'MNIST handwritten digits, 28x28x1, 10 classes (embedded subset when the full set is absent)',
    load(dataDir, announce) {
      const full = loadIdxDataset(dataDir, 'mnist');
      if (full) return full;
      const sub = loadEmbeddedMnist();
      announce(
        `mnist: full set not found in ${dataDir}/mnist; using the embedded subset ` +
          `(${sub.train.count} official training images, ${sub.test.count} test images) as dataset "${sub.id}"`,
      );
      return sub;
    },
  },
};

/** Loads dataset `name`, or throws an InputError naming the unknown dataset. */
export function loadDataset(name: string, dataDir: string, announce: (line: string) => void = () => {}): Dataset {
  const p = DATASETS[name];
  if (!p) throw new InputError(`unknown dataset "${name}"${didYouMean(name, Object.keys(DATASETS))}`);
  return p.load(dataDir, announce);
}

export type { Dataset } from './dataset';
