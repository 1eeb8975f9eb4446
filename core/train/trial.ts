/**
 * The training loop of one trial: a custom loop (not model.fit) in which the optimizer plugin owns the
 * update. One seeded generator per purpose (initial weights, split and shuffling, masks) makes the
 * trial reproducible from its seed, bit for bit on the same backend and thread count (more threads sum
 * in another order). Values are read back from the backend once per epoch, not per step; the first of
 * them that is not finite (a step's loss or penalty, a validation or test metric) ends the trial as
 * diverged. The recorded training loss is the data loss; a penalty is recorded apart. A trial that stops
 * before its schedule's end (`scheduleEpochs`, a rung of successive halving) trains the first epochs of
 * the full trial.
 * A step's gradient (gradients.ts), evaluation (evaluate.ts) and the validation split (split.ts) live
 * in their own files; this one knows nothing of results files, workers or the CLI.
 */
import type { ForwardContext, InitializerPlugin, LayerRegularizerPlugin, OptimizerPlugin, PenaltyRegularizerPlugin } from '../plugin/contracts';
import type { Dataset } from '../data';
import type { DatasetTensors } from '../data/tensors';
import { messageOf } from '../util/errors';
import { buildModel, getModel, type Model } from '../models';
import { softmaxCrossEntropy } from './loss';
import type { DivergedTrial, EpochRecord, FinalRecord, NonFiniteValue, TimeoutTrial, TrialBase, TrialOutcome, TrialRecord } from './record';
import type { Registry } from '../plugin/registry';
import { createRng } from '../util/rng';
import { type Schedule, scheduledLr } from '../suite/schedules';
import type { Trial } from '../suite/types';
import * as tf from '../tf';
import { createUpdater, type Updater } from './updater';
import { batchGradients, FULL_BATCH_CHUNK } from './gradients';
import { type EvalResult, evaluate } from './evaluate';
import { splitIndices } from './split';

const CONSTANT: Schedule = { name: 'constant', warmupEpochs: 0 };

/** The dataset a trial trains on and its tensors on the backend. */
export interface TrialData {
  dataset: Dataset;
  tensors: DatasetTensors;
}

/** Progress callbacks, for the CLI. */
export interface TrainHooks {
  onEpoch?(trial: Trial, epoch: EpochRecord): void;
}

/** The first of the named `values` that is not finite, as JSON can record it; undefined when all are finite. */
function firstNonFinite<M extends string>(values: ReadonlyArray<readonly [M, number]>): { metric: M; value: NonFiniteValue } | undefined {
  const bad = values.find(([, v]) => !Number.isFinite(v));
  return bad && { metric: bad[0], value: String(bad[1]) as NonFiniteValue };
}

/** What ends a trial before its test: a value that was not finite, or the time limit. */
type Stop = Pick<DivergedTrial, 'status' | 'divergence'> | Pick<TimeoutTrial, 'status' | 'timeout'>;

/**
 * The fields every record of `trial` has, as they stand before it trains: no history, no parameters
 * counted, no time taken. A record adds its status and what that carries (see `settled`).
 */
export function newTrialRecord(trial: Trial, dataset: Dataset, train: number, validation: number, startedAt: string): TrialBase {
  const c = trial.config;
  return {
    id: trial.id,
    configId: trial.configId,
    label: trial.label,
    seed: trial.seed,
    model: { name: c.model, params: 0 },
    dataset: { name: dataset.name, id: dataset.id, checksum: dataset.checksum, train, validation, test: dataset.test.count },
    optimizer: c.optimizer,
    regularizers: c.regularizers,
    initializer: c.initializer,
    activation: c.activation,
    epochs: c.epochs,
    batchSize: c.batchSize,
    history: [],
    startedAt,
    wallSeconds: 0,
    ...(trial.phase ? { phase: trial.phase } : {}),
    ...(trial.entry !== undefined ? { entry: trial.entry } : {}),
  };
}

/** The record of a trial that ended with `outcome`: its status after the seed, what that status carries last. */
function settled(base: TrialBase, outcome: TrialOutcome): TrialRecord {
  const { id, configId, label, seed, ...rest } = base;
  // The keys in the order records have always had: status placed here, its value (the same) set by `outcome`.
  const placed = { id, configId, label, seed, status: outcome.status };
  return { ...placed, ...rest, ...outcome };
}

/**
 * Runs one trial to completion and returns its record, built once at the end from how it ended; never
 * throws: failures are recorded in the trial record.
 */
export async function runTrial(trial: Trial, data: TrialData, registry: Registry, hooks: TrainHooks = {}): Promise<TrialRecord> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const c = trial.config;
  const { dataset, tensors } = data;
  const { train: trainRows, val: valRows } = splitIndices(dataset.train.count, c.validationFraction, createRng(trial.seed, 'split'));
  const base = newTrialRecord(trial, dataset, trainRows.length, valRows.length, startedAt);
  const limit = trial.timeoutSeconds;
  /** The timeout that has come by now, in `epoch` after `step` steps; undefined while time is left (or without a limit). */
  const timedOut = (epoch: number, step: number): Stop | undefined =>
    limit !== undefined && performance.now() > t0 + limit * 1000 ? { status: 'timeout', timeout: { seconds: limit, epoch, step } } : undefined;
  const history: EpochRecord[] = [];
  let params = 0;
  let outcome: TrialOutcome;
  const before = tf.memory().numTensors;
  let model: Model | undefined;
  let updater: Updater | undefined;
  // Per-step scalars kept until the epoch's single read-back; disposed on any exit.
  const stepLosses: tf.Scalar[] = [];
  const stepPenalties: tf.Scalar[] = [];
  const stepCorrect: tf.Scalar[] = [];
  try {
    const optimizer = registry.get('optimizer', c.optimizer.name) as OptimizerPlugin;
    const regs = c.regularizers.map((r) => ({ choice: r, plugin: registry.get('regularizer', r.name)! }));
    model = buildModel(
      getModel(c.model),
      dataset.numClasses,
      {
        activation: { plugin: registry.get('activation', c.activation.name)!, params: c.activation.params },
        initializer: { plugin: registry.get('initializer', c.initializer.name) as InitializerPlugin, params: c.initializer.params },
        layerRegularizers: regs
          .filter((r) => r.plugin.role === 'layer')
          .map((r) => ({ plugin: r.plugin as LayerRegularizerPlugin, params: r.choice.params, placement: r.choice.placement ?? [] })),
      },
      createRng(trial.seed, 'init'),
    );
    params = model.paramCount;
    const penalties = regs.filter((r) => r.plugin.role === 'penalty').map((r) => ({ plugin: r.plugin as PenaltyRegularizerPlugin, params: r.choice.params }));
    const m = model;
    updater = createUpdater(optimizer, c.optimizer.params, m.trainable);
    const u = updater;
    const shuffleRng = createRng(trial.seed, 'shuffle');
    const maskRng = createRng(trial.seed, 'masks');
    const trainCtx: ForwardContext = { training: true, nextSeed: () => maskRng.nextSeed() };
    const evalCtx: ForwardContext = { training: false, nextSeed: () => 0 };
    const baseLr = c.optimizer.params.lr as number;
    const schedule = c.optimizer.schedule ?? CONSTANT;
    const stepRows = c.batchSize === 'full' ? trainRows.length : c.batchSize;
    const chunk = c.batchSize === 'full' ? FULL_BATCH_CHUNK : Number.POSITIVE_INFINITY;
    const gradients = (rows: Int32Array) =>
      batchGradients(rows, chunk, m.trainable, (part) => {
        const idx = tf.tensor1d(part, 'int32');
        const x = tf.gather(tensors.train.x, idx);
        const y = tf.gather(tensors.train.oneHot, idx);
        const labels = tf.gather(tensors.train.labels, idx);
        const logits = m.forward(x, trainCtx);
        const correct = logits.argMax(1).equal(labels).sum() as tf.Scalar;
        const terms = penalties.map((p) => p.plugin.penalty({ kernels: m.kernels, biases: m.biases }, p.params));
        return { loss: softmaxCrossEntropy(y, logits), correct, ...(terms.length > 0 ? { penalty: terms.reduce((a, b) => a.add(b)) } : {}) };
      });
    let t = 0;
    let samples = 0;
    let trainSeconds = 0;
    let stop: Stop | undefined;

    epochs: for (let epoch = 1; epoch <= c.epochs; epoch++) {
      const e0 = performance.now();
      const lr = scheduledLr(schedule, baseLr, epoch, c.scheduleEpochs ?? c.epochs);
      const order = shuffleRng.shuffle(trainRows.slice());
      for (let start = 0; start < order.length; start += stepRows) {
        const rows = order.subarray(start, Math.min(start + stepRows, order.length));
        t++;
        tf.tidy(() => {
          const { loss, penalty, correct, grads } = gradients(rows);
          stepLosses.push(tf.keep(loss));
          if (penalty) stepPenalties.push(tf.keep(penalty));
          stepCorrect.push(tf.keep(correct));
          u.step(grads, t, lr);
        });
        samples += rows.length;
        // Out of time: the epochs finished so far stay in the history; this partial epoch is dropped.
        stop = timedOut(epoch, t);
        if (stop) break epochs;
      }
      const lossesT = tf.stack(stepLosses);
      const penaltiesT = stepPenalties.length > 0 ? tf.stack(stepPenalties) : undefined;
      const correctT = tf.addN(stepCorrect);
      const [lossVals, penaltyVals, correctVal] = await Promise.all([lossesT.data(), penaltiesT?.data(), correctT.data()]);
      tf.dispose([...stepLosses.splice(0), ...stepPenalties.splice(0), ...stepCorrect.splice(0), lossesT, correctT, ...(penaltiesT ? [penaltiesT] : [])]);
      const seconds = (performance.now() - e0) / 1000;
      trainSeconds += seconds;
      for (let i = 0; i < lossVals.length; i++) {
        const bad = firstNonFinite<'loss' | 'penalty'>([['loss', lossVals[i]!], ...(penaltyVals ? [['penalty', penaltyVals[i]!] as const] : [])]);
        if (bad) {
          stop = { status: 'diverged', divergence: { epoch, where: 'train', step: i + 1, ...bad } };
          break epochs;
        }
      }
      const v0 = performance.now();
      const val = valRows.length > 0 ? await evaluate(m, tensors.train, valRows, 1000, evalCtx) : undefined;
      const valBad = val && firstNonFinite<'loss' | 'accuracy'>([['loss', val.loss], ['accuracy', val.accuracy]]);
      if (valBad) {
        stop = { status: 'diverged', divergence: { epoch, where: 'validation', ...valBad } };
        break;
      }
      const ep: EpochRecord = {
        epoch,
        trainLoss: sum(lossVals) / order.length,
        ...(penaltyVals ? { trainPenalty: sum(penaltyVals) / order.length } : {}),
        trainAccuracy: correctVal[0]! / order.length,
        valLoss: val ? val.loss : null,
        valAccuracy: val ? val.accuracy : null,
        trainSeconds: seconds,
        evalSeconds: (performance.now() - v0) / 1000,
        lr,
      };
      history.push(ep);
      hooks.onEpoch?.(trial, ep);
      stop = epoch < c.epochs ? timedOut(epoch, t) : undefined;
      if (stop) break;
    }

    if (stop) outcome = stop;
    else {
      const test = await evaluate(m, tensors.test, undefined, 1000, evalCtx, true);
      const testBad = firstNonFinite<'loss' | 'accuracy'>([['loss', test.loss], ['accuracy', test.accuracy]]);
      outcome = testBad
        ? { status: 'diverged', divergence: { epoch: c.epochs, where: 'test', ...testBad } }
        : { status: 'ok', final: finalRecord(test, trainSeconds, samples, dataset) };
    }
  } catch (e) {
    outcome = { status: 'failed', error: messageOf(e) };
  } finally {
    tf.dispose([...stepLosses, ...stepPenalties, ...stepCorrect]);
    updater?.dispose();
    model?.dispose();
  }
  const leaked = tf.memory().numTensors - before;
  // A leak fails a trial that was ok: its test metrics are not kept.
  if (leaked !== 0 && outcome.status === 'ok') outcome = { status: 'failed', error: `${leaked} tensors leaked by this trial (a plugin kept tensors it did not return)` };
  return settled({ ...base, model: { ...base.model, params }, history, wallSeconds: (performance.now() - t0) / 1000 }, outcome);
}

const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);

function finalRecord(test: EvalResult, trainSeconds: number, samples: number, dataset: Dataset): FinalRecord {
  const k = dataset.numClasses;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const labels = dataset.test.labels;
  test.predictions!.forEach((p, i) => {
    confusion[labels[i]!]![p]!++;
  });
  return {
    testLoss: test.loss,
    testAccuracy: test.accuracy,
    trainSeconds,
    samplesPerSecond: trainSeconds > 0 ? samples / trainSeconds : 0,
    confusion,
  };
}
