/**
 * Vega-Lite specifications rendered to SVG in Node by Vega: no browser, no canvas (Vega's SVG string
 * renderer). Vega-Lite 5 and Vega 5 because they ship CommonJS builds that this CommonJS package (and
 * jest) can require; Vega 6 is ESM-only with top-level await. Knows nothing of what the plots show.
 */
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to a standalone SVG document. Element ids are prefixed with `idPrefix` so
 * that several SVGs inlined in one HTML page do not share clip-path or gradient ids.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix = ''): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return idPrefix ? prefixIds(svg, idPrefix) : svg;
  } finally {
    view.finalize();
  }
}

/** Prefixes every `id="x"` and its references (`url(#x)`, `href="#x"`) in an SVG string. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
}
