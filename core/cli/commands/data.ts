/**
 * `bench data list|fetch|verify`: each action parses, calls one function of core/data (listDatasets,
 * fetchDataset, verifyDatasets) and prints. Ctrl-C during a fetch aborts the download in flight.
 */
import { InputError } from '../../util/errors';
import { checkOutputFolder } from '../../util/output-path';
import type { CommandModule } from '../command';
import type { IO } from '../io';
import { dataDirOption, jsonOption } from '../options';

const ACTIONS = ['list', 'fetch', 'verify'] as const;

interface Args {
  action: (typeof ACTIONS)[number];
  name?: string;
  dataDir?: string;
  mirror?: string;
  force: boolean;
  json: boolean;
}

const data: CommandModule<Args> = {
  command: 'data <action> [name]',
  describe: 'Datasets: list what is present, fetch the official files, verify their checksums',
  builder: (y) => {
    y.positional('action', { choices: ACTIONS, describe: 'list: where each dataset is; fetch: download one; verify: check checksums and decode' });
    y.positional('name', { type: 'string', describe: 'dataset (mnist, fashion-mnist, cifar10); fetch needs one' });
    dataDirOption(y)
      .option('mirror', { type: 'string', describe: 'fetch: base URL to download the official file names from (https)' })
      .option('force', { type: 'boolean', default: false, describe: 'fetch: download even when valid files are present' });
    return jsonOption(y, 'list/verify: print JSON')
      .example('$0 data list', 'each dataset: present or not, where, sizes, checksum state')
      .example('$0 data fetch fashion-mnist', 'download into <data-dir>/fashion-mnist/ and verify')
      .example('$0 data fetch cifar10 --mirror https://example.org/cifar', 'download cifar-10-binary.tar.gz from a mirror')
      .example('$0 data verify', 'check every present dataset file by file');
  },
  async run(args, io) {
    const { defaultDataDir } = await import('../../data/dataset');
    const dataDir = args.dataDir ?? defaultDataDir();
    if (args.action === 'list') return list(args, dataDir, io);
    if (args.action === 'verify') return verify(args, dataDir, io);
    return fetch(args, dataDir, io);
  },
};

async function list(args: Args, dataDir: string, io: IO): Promise<number> {
  if (args.name) throw new InputError('bench data list takes no dataset name; use bench data verify NAME for one');
  const { listDatasets, formatStatuses } = await import('../../data/status');
  const sts = listDatasets(dataDir);
  io.out(args.json ? JSON.stringify(sts, null, 2) : formatStatuses(sts, false));
  return 0;
}

async function verify(args: Args, dataDir: string, io: IO): Promise<number> {
  const { verifyDatasets, formatStatuses } = await import('../../data/status');
  const { statuses, problems } = verifyDatasets(args.name, dataDir);
  io.out(args.json ? JSON.stringify(statuses, null, 2) : formatStatuses(statuses, true));
  for (const p of problems) io.err(`bench: ${p}`);
  return problems.length > 0 ? 2 : 0;
}

async function fetch(args: Args, dataDir: string, io: IO): Promise<number> {
  if (!args.name) throw new InputError('bench data fetch: name the dataset (mnist, fashion-mnist, cifar10)');
  checkOutputFolder(dataDir, args.dataDir !== undefined ? '--data-dir' : 'the data folder');
  const { fetchDataset } = await import('../../data/fetch');
  const ctl = new AbortController();
  const onInt = () => ctl.abort();
  process.once('SIGINT', onInt);
  try {
    const res = await fetchDataset(args.name, {
      dataDir,
      mirror: args.mirror,
      force: args.force,
      signal: ctl.signal,
      log: (l) => io.err(l),
      progress: io.errIsTTY ? await progressBar() : undefined,
    });
    const fetched = res.files.filter((f) => !res.kept.includes(f.file));
    io.out(
      `${res.dataset}: ${res.files.length} files verified in ${res.dir}` +
        (fetched.length > 0 ? ` (${fetched.length} downloaded${res.kept.length ? `, ${res.kept.length} already present` : ''})` : ' (all already present)'),
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', onInt);
  }
}

/** A cli-progress bar on stderr, showing megabytes, speed and time left. */
async function progressBar() {
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  return {
    start(file: string, total: number | undefined) {
      bar = new SingleBar(
        {
          format: `  ${file} [{bar}] {percentage}% | {mb} of {totalMb} MB | eta {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: false,
        },
        Presets.shades_classic,
      );
      bar.start(total ?? 0, 0, { mb: '0.0', totalMb: total ? (total / 1e6).toFixed(1) : '?' });
    },
    update(received: number) {
      bar?.update(received, { mb: (received / 1e6).toFixed(1) });
    },
    stop() {
      bar?.stop();
    },
  };
}

export default data;
