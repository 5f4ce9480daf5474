/**
 * Charts of an e-mail, drawn on the server from the same Vega-Lite spec builder the chat's answers use
 * in the widgets (bff/chat/charts.ts) and the widgets' chart config (widgets/src/charts/config.ts):
 * Vega-Lite → Vega → SVG (vega's headless View) → PNG (@resvg/resvg-js). No browser, no canvas.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartConfig } from '../../widgets/src/charts/config.js';
import { DEFAULT_PALETTE } from '../../widgets/src/charts/theme.js';

/** The light theme's tokens (the e-mail has no host page to read them from). */
const EMAIL_THEME = {
  primary: DEFAULT_PALETTE[0]!,
  text: '#1f2937',
  textMuted: '#4b5563',
  surface: '#ffffff',
  surfaceMuted: '#f3f4f6',
  border: '#e5e7eb',
  font: 'DejaVu Sans, Arial, Helvetica, sans-serif',
  palette: DEFAULT_PALETTE,
};

export interface PngChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/** Renders a Vega-Lite spec (with its data inline) to SVG and PNG at `width` × `height` CSS pixels, 2× for sharp mail clients. */
export async function renderChartPng(spec: Record<string, unknown>, opts: { width?: number; height?: number; locale?: string } = {}): Promise<PngChart> {
  const width = opts.width ?? 560;
  const height = opts.height ?? 220;
  const sized = { ...spec, width, height, config: { ...chartConfig(EMAIL_THEME as never), ...((spec.config as object) ?? {}) } } as TopLevelSpec;
  const vgSpec = compile(sized).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
    return { svg, png, width, height };
  } finally {
    view.finalize();
  }
}
