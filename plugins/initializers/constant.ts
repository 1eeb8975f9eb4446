/** Every weight equal to `value` (torch.nn.init.constant_, Keras Constant). Symmetric, like zeros. */
import type { InitializerPlugin } from '../../core/plugin/contracts';
import * as tf from '../../core/tf';

/** Hyper-parameters of `constant`. */
export interface ConstantParams extends Record<string, unknown> {
  value: number;
}

const constant: InitializerPlugin<ConstantParams> = {
  name: 'constant',
  kind: 'initializer',
  summary: 'Every weight equal to value',
  params: { type: 'object', properties: { value: { type: 'number', default: 0.1, description: 'the value' } } },
  init: ({ shape }, p) => tf.fill(shape, p.value),
};

export default constant;
