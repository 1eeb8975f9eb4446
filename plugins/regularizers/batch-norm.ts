/**
 * Batch normalisation (Ioffe & Szegedy, 2015, "Batch Normalization: Accelerating Deep Network Training
 * by Reducing Internal Covariate Shift"), as torch.nn.BatchNorm1d/2d with affine and tracked statistics:
 *
 *   training:   mu_B = mean of x over the batch (dense: axis N; conv: axes N, H, W) per channel
 *               s2_B = biased variance over the same axes
 *               y = gamma * (x - mu_B) / sqrt(s2_B + eps) + beta
 *               runningMean <- (1 - momentum) * runningMean + momentum * mu_B
 *               runningVar  <- (1 - momentum) * runningVar  + momentum * s2_B * n / (n - 1)   (n values per channel)
 *   evaluation: y = gamma * (x - runningMean) / sqrt(runningVar + eps) + beta
 *
 * gamma starts at 1, beta at 0 (trainable; no L2/L1 penalty applies to them), runningMean at 0 and
 * runningVar at 1. Placed before the activation, after convolutions unless the suite says otherwise.
 * The running statistics are updated by assignment during each training forward pass. The training
 * pass is core/train/batch-norm.ts: TensorFlow's fused kernels on the native engine, tfjs ops elsewhere.
 * Differences: PyTorch's defaults are kept (momentum 0.1, eps 1e-5); tfjs-layers' BatchNormalization
 * uses momentum 0.99 in the other convention (the weight of the old value, i.e. 0.01 here) and epsilon
 * 1e-3, and updates its moving variance with the biased batch variance. With n = 1 (a dense layer at
 * batch size 1) torch refuses to train; here the running variance takes the batch variance (0) as is.
 */
import type { LayerRegularizerPlugin } from '../../core/plugin/contracts';
import { batchNormTraining } from '../../core/train/batch-norm';
import * as tf from '../../core/tf';

/** Hyper-parameters of `batch-norm`. */
export interface BatchNormParams extends Record<string, unknown> {
  momentum: number;
  eps: number;
}

const batchNorm: LayerRegularizerPlugin<BatchNormParams> = {
  name: 'batch-norm',
  kind: 'regularizer',
  role: 'layer',
  position: 'pre-activation',
  defaultPlacement: ['conv'],
  summary: 'Batch normalisation (batch statistics in training, running statistics in evaluation), as torch BatchNorm',
  params: {
    type: 'object',
    properties: {
      momentum: { type: 'number', minimum: 0, maximum: 1, default: 0.1, description: 'weight of the new batch statistic in the running averages' },
      eps: { type: 'number', exclusiveMinimum: 0, default: 1e-5, description: 'added to the variance' },
    },
  },
  createLayer(site, p) {
    const channels = site.shape[site.shape.length - 1]!;
    // tidy disposes the initial values; the variables hold their own references.
    const [gamma, beta, runningMean, runningVar] = tf.tidy(() => [
      tf.variable(tf.ones([channels]), true, `${site.name}/gamma`),
      tf.variable(tf.zeros([channels]), true, `${site.name}/beta`),
      tf.variable(tf.zeros([channels]), false, `${site.name}/runningMean`),
      tf.variable(tf.ones([channels]), false, `${site.name}/runningVar`),
    ]) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
    const normalise = (x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor) =>
      x.sub(mean).mul(variance.add(p.eps).rsqrt().mul(gamma)).add(beta);
    return {
      trainable: [gamma, beta],
      state: [runningMean, runningVar],
      apply(x, ctx) {
        if (!ctx.training) return normalise(x, runningMean, runningVar);
        const { y, mean, unbiasedVariance } = batchNormTraining(x, gamma as tf.Tensor as tf.Tensor1D, beta as tf.Tensor as tf.Tensor1D, p.eps);
        tf.tidy(() => {
          runningMean.assign(runningMean.mul(1 - p.momentum).add(mean.mul(p.momentum)));
          runningVar.assign(runningVar.mul(1 - p.momentum).add(unbiasedVariance.mul(p.momentum)));
        });
        return y;
      },
    };
  },
};

export default batchNorm;
