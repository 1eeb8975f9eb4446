/**
 * What every plot of the report shares: the Plot record (name, title, caption, Vega-Lite spec) and
 * the look (font, sizes, colours of axes and legends). Knows nothing of trials or of rendering.
 */
import type { TopLevelSpec } from 'vega-lite';

/** One plot: a file-system-safe name (for --svg-dir), a title and its Vega-Lite spec. */
export interface Plot {
  name: string;
  title: string;
  /** What the plot shows, in a sentence, for the HTML page. */
  caption: string;
  spec: TopLevelSpec;
}

/** The Vega-Lite schema every spec names. */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The Vega-Lite `config` of every plot. */
export const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** Width and height of a plot with a continuous x axis, in pixels. */
export const WIDTH = 340;
export const HEIGHT = 220;
