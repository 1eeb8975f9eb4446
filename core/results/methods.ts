/**
 * The methods paragraph of `bench publish`: a short Markdown text for a paper's appendix that says how a
 * results document was produced (protocol, seeds, statistical tests, hardware and software), drawn from
 * the document alone. Knows the results document and the ranking's description; nothing of files.
 */
import { describeRanking } from '../analysis/ranking';
import { describeSequential } from '../analysis/sequential';
import { backendLabel } from '../env/environment';
import type { Choice, OptimizerChoice, RegularizerChoice } from '../suite/types';
import { type ResultsDocument, rankOptionsOf } from './document';
import type { Selection } from './selection';
import type { RunDocument } from './run-info';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const code = (s: string) => `\`${s}\``;

/** `lr 0.05, momentum 0`: a choice's complete parameters, as recorded. */
function params(p: Record<string, unknown>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** `sgd(lr=0.05)` (sgd: lr 0.05, momentum 0): each distinct label of `all` once, in order, with its complete parameters. */
function choices<C extends Choice>(all: readonly C[], extra: (c: C) => string[] = () => []): string[] {
  const seen = new Map<string, C>();
  for (const c of all) if (!seen.has(c.label)) seen.set(c.label, c);
  return [...seen.values()].map((c) => {
    const details = [params(c.params), ...extra(c)].filter((d) => d !== '').join(', ');
    return c.label === c.name && !details ? code(c.name) : `${code(c.label)} (${c.name}${details ? `: ${details}` : ''})`;
  });
}

const schedule = (c: OptimizerChoice) => (c.schedule ? [`schedule ${c.schedule.name}${Object.keys(c.schedule).length > 1 ? ` ${JSON.stringify(c.schedule)}` : ''}`] : []);
const placement = (c: RegularizerChoice) => (c.placement ? [`on ${c.placement.join(' and ')} layers`] : []);

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The protocol: suite, models, data, training, the choices compared. */
function protocol(doc: ResultsDocument): string {
  const { spec } = doc.suite;
  const run = (doc as Partial<RunDocument>).run;
  const trials = doc.trials;
  const models = distinct(trials.map((t) => t.model.name)).map((name) => {
    const sizes = distinct(trials.filter((t) => t.model.name === name).map((t) => t.model.params)).sort((a, b) => a - b);
    const n = sizes.length === 1 ? count(sizes[0]!) : `${count(sizes[0]!)} to ${count(sizes[sizes.length - 1]!)}`;
    return `${code(name)} (${n} trainable parameters${sizes.length > 1 ? ', by regularizer' : ''})`;
  });
  const data = (doc.datasets ?? []).map((d) => {
    const t = trials.find((r) => r.dataset.id === d.id);
    const sizes = t ? `: ${count(t.dataset.train)} training, ${count(t.dataset.validation)} validation and ${count(t.dataset.test)} test images` : '';
    return `${code(d.name)} (${code(d.id)}, sha256 ${code(d.checksum.slice(0, 16))}${sizes})`;
  });
  const normalize = spec.preprocessing?.normalize === 'standardize' ? 'standardised per channel with training-set statistics' : 'scaled to [0, 1]';
  const subset = spec.preprocessing?.trainSubset ? `, the first ${count(spec.preprocessing.trainSubset)} training images only` : '';
  const batch = spec.batchSize === 'full' ? 'full-batch gradient steps' : `batch size ${spec.batchSize}`;
  const sets = distinct(trials.map((t) => (t.regularizers.length === 0 ? 'none' : t.regularizers.map((r) => r.label).join(' + '))));
  const regularizers = choices(trials.flatMap((t) => t.regularizers), placement);
  const sentences = [
    `Suite ${code(doc.suite.name)} (${code(doc.suite.file)}), run ${doc.createdAt.slice(0, 10)} with bench ${doc.tool.version}` +
      `${run ? `, code hash ${code(run.code.hash)}` : ''}${doc.environment.gitCommit ? `, git commit ${code(doc.environment.gitCommit.slice(0, 12))}` : ''}.`,
    `Model${models.length > 1 ? 's' : ''}: ${list(models)}. Data: ${list(data)}; images ${normalize}${subset}.`,
    `Each trial trained for ${plural(spec.epochs, 'epoch')} with ${batch}, ${Math.round(spec.validationFraction * 100)}% of the training split held out for validation` +
      `${spec.timeoutSeconds ? `, and a limit of ${spec.timeoutSeconds} s per trial` : ''}.`,
    `Optimizers: ${list(choices(trials.map((t) => t.optimizer), schedule))}.`,
    `Regularizer sets: ${list(sets)}${regularizers.length ? ` (${regularizers.join('; ')})` : ''}.`,
    `Initializers: ${list(choices(trials.map((t) => t.initializer)))}; activations: ${list(choices(trials.map((t) => t.activation)))}.`,
  ];
  for (const s of doc.selection ?? []) {
    sentences.push(
      `${code(s.optimizer)} on ${s.model}/${s.dataset} was tuned by ${halvingWords(s)}${s.halving?.sample ?? s.strategy} search over ${s.searched.join(', ')} (${plural(s.configs, 'configuration')}` +
        `${s.searchSeed !== undefined ? `, seed ${s.searchSeed}` : ''}, selected by ${s.metric}): ${s.params ? params(s.params) : 'no search trial finished'}.`,
    );
  }
  if (run?.dataLimits) sentences.push(`Test-only data limits were set: ${JSON.stringify(run.dataLimits)}.`);
  return `**Protocol.** ${sentences.join(' ')}`;
}

/** "successive halving (eta 3, 9 configurations for 1 epoch, 3 for 3 epochs, 1 for 9 epochs) of ", or "" without halving. */
function halvingWords(s: Selection): string {
  if (!s.halving) return '';
  const rungs = s.halving.rungs.map((r, i) => `${i === 0 ? plural(r.configs, 'configuration') : r.configs} for ${plural(r.epochs, 'epoch')}`);
  return `successive halving (eta ${s.halving.eta}, ${rungs.join(', ')}) of `;
}

/** The seeds and what became of the trials. */
function seeds(doc: ResultsDocument): string {
  const seedList = distinct(doc.trials.map((t) => t.seed)).sort((a, b) => a - b);
  const byStatus = new Map<string, number>();
  for (const t of doc.trials) byStatus.set(t.status, (byStatus.get(t.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([s, n]) => `${count(n)} ${s}`).join(', ');
  const run = (doc as Partial<RunDocument>).run;
  return (
    `**Seeds.** Every configuration trained once per seed (${list(seedList.map(String))}: ${plural(doc.trials.length, 'trial')}, ${statuses}` +
    `${doc.complete === false ? '; the run is incomplete' : ''}). A trial's seed fixes every random draw (initial weights, validation split, shuffling, dropout masks), ` +
    'so it reproduces bit for bit on the same backend with the same thread count.' +
    `${run?.sequential ? ` ${describeSequential(run.sequential)}` : ''}`
  );
}

/** The statistics, as the ranking describes them. */
function statistics(doc: ResultsDocument): string {
  const workloads = distinct(doc.trials.map((t) => `${t.model.name}/${t.dataset.name}`)).length;
  return `**Statistics.** ${describeRanking(rankOptionsOf(doc), workloads).split('\n').join(' ')}`;
}

/** The machine and the software. */
function hardware(doc: ResultsDocument): string {
  const env = doc.environment;
  const b = env.backend;
  const threads = b.threads ? `, ${plural(b.threads, 'thread')}` : '';
  const probe = env.calibration ? ` Machine-speed calibration (${code(env.calibration.probe)}): median ${env.calibration.medianMs.toFixed(3)} ms.` : '';
  return (
    `**Hardware and software.** ${env.cpu}, ${plural(env.cores, 'core')}, ${env.memoryGB} GB memory, ${env.os}; ` +
    `backend ${backendLabel(env)} (${code(b.package)}${threads}); Node.js ${env.node}, TensorFlow.js ${env.tfjs}.${probe}`
  );
}

/** The Markdown methods paragraph of `doc`; `file` is the published results file it describes. */
export function methodsParagraph(doc: ResultsDocument, file: string): string {
  const b = doc.environment.backend;
  const rerun = `bench run ${doc.suite.file} --backend ${b.name}${b.threads ? ` --threads ${b.threads}` : ''}`;
  return [
    `### Methods: ${doc.suite.name}`,
    protocol(doc),
    seeds(doc),
    statistics(doc),
    hardware(doc),
    `Every trial, with its per-epoch history, is in ${code(file)} (bench results schemaVersion ${doc.schemaVersion}); to rerun: ${code(rerun)}.`,
  ].join('\n\n');
}
