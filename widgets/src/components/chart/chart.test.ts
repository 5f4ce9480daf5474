import { expect, fixture, html } from '@open-wc/testing';
import { describe, it } from '../../testing/mocha.js';
import '../../index.js';
import type { IgChartRow, IgChartSpec } from '../../charts/types.js';
import type { IgChart } from './chart.js';

const rows: IgChartRow[] = [
  { channel: 'push', sent: 1200 },
  { channel: 'email', sent: 800 },
  { channel: 'sms', sent: 450 },
  { channel: 'inapp', sent: 90 },
];

const barSpec: IgChartSpec = {
  mark: 'bar',
  encoding: {
    x: { field: 'channel', type: 'nominal', title: 'Canal', sort: null },
    y: { field: 'sent', type: 'quantitative', title: 'Enviados' },
  },
};

const columns = [
  { key: 'channel', header: 'Canal' },
  { key: 'sent', header: 'Enviados', format: 'integer' as const },
];

/** Mounts a chart and waits until it is drawn. */
async function mountChart(template = html`<ig-chart label="Envíos por canal" .spec=${barSpec} .data=${rows} .columns=${columns}></ig-chart>`) {
  const root = await fixture<HTMLElement>(template);
  const chart = (root.localName === 'ig-chart' ? root : root.querySelector('ig-chart')) as IgChart;
  await chart.renderComplete;
  return { root, chart };
}

const bars = (chart: Element) => [...chart.shadowRoot!.querySelectorAll<SVGPathElement>('.mark-rect path')];
const svgOf = (chart: Element) => chart.shadowRoot!.querySelector<SVGSVGElement>('[part="chart"] svg')!;

/** The next `ig-chart-render` of `chart`, after `action`. */
async function redrawn(chart: IgChart, action: () => void): Promise<void> {
  const event = new Promise((resolve) => chart.addEventListener('ig-chart-render', resolve, { once: true }));
  action();
  await event;
  await chart.renderComplete;
}

const dataURLBytes = (url: string) => Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));

type FrameWindow = Window & typeof globalThis & { __igViolations: { directive: string; blockedURI: string; sample: string }[] };

/** Loads a test page (web-test-runner.config.mjs, chartPagesPlugin) in an iframe. */
async function openPage(path: string): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '640px';
  frame.style.height = '480px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  return { frame, win, doc: frame.contentDocument! };
}

async function requireBuild(): Promise<void> {
  const res = await fetch('/dist/cdn/ig-widgets.js', { method: 'HEAD', cache: 'no-store' });
  if (!res.ok) throw new Error('dist/cdn is missing: run `npm run build` before the browser tests');
}

/** Draws a chart inside a test page and exercises table, PNG and SVG there. */
async function chartInPage(win: FrameWindow, doc: Document) {
  // The CDN builds define <ig-chart> when the tag first appears (autoloader): properties set before
  // the upgrade are kept.
  const chart = doc.createElement('ig-chart') as IgChart;
  chart.label = 'Envíos por canal';
  chart.spec = barSpec;
  chart.data = rows;
  doc.body.append(chart);
  await win.customElements.whenDefined('ig-chart');
  await chart.renderComplete;
  const marks = bars(chart).length;
  const png = await chart.toPNG(1);
  const svg = await chart.toSVG();
  chart.table = true;
  await chart.updateComplete;
  const tableRows = chart.shadowRoot!.querySelectorAll('tbody tr').length;
  chart.table = false;
  await chart.renderComplete;
  // Violation events are queued as tasks: give them time to arrive.
  await new Promise((r) => setTimeout(r, 150));
  return { chart, marks, png, svg, tableRows };
}

describe('<ig-chart>', () => {
  it('draws one mark per row from a spec without data and the rows in `data`', async () => {
    const { chart } = await mountChart();
    expect(bars(chart)).to.have.length(rows.length);
    expect(chart.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    // Taller bars for larger values: the y encoding is the data, not a constant.
    const heights = bars(chart).map((p) => p.getBBox().height);
    expect(heights[0]).to.be.greaterThan(heights[1]!).and.greaterThan(heights[3]!);

    // New rows redraw without a new spec.
    await redrawn(chart, () => {
      chart.data = rows.slice(0, 2);
    });
    expect(bars(chart)).to.have.length(2);

    // Removed: the Vega view is released; put back: drawn again.
    const parent = chart.parentNode!;
    chart.remove();
    expect(chart.vegaView).to.equal(undefined);
    await redrawn(chart, () => parent.appendChild(chart));
    expect(bars(chart)).to.have.length(2);
  });

  it('binds the rows to a dataset the spec names, and keeps inline values', async () => {
    const named = { ...barSpec, data: { name: 'sends' } };
    const { chart } = await mountChart(html`<ig-chart label="Named" .spec=${named} .data=${rows}></ig-chart>`);
    expect(bars(chart)).to.have.length(4);
    const inline = { ...barSpec, data: { values: rows.slice(0, 3) } };
    await redrawn(chart, () => {
      chart.spec = inline;
    });
    expect(bars(chart)).to.have.length(3);
  });

  it('has an accessible name on the drawing, and passes axe in chart and table view', async () => {
    const { chart } = await mountChart();
    const drawing = chart.shadowRoot!.querySelector('[part="chart"]')!;
    expect(drawing.getAttribute('role')).to.equal('img');
    expect(drawing.getAttribute('aria-label')).to.equal('Envíos por canal');
    await expect(chart).to.be.accessible();
    chart.table = true;
    await chart.updateComplete;
    await expect(chart).to.be.accessible();
  });

  it('shows the same rows as an accessible table, formatted for the language, from the toggle', async () => {
    const { chart } = await mountChart();
    const toggle = chart.shadowRoot!.querySelector<HTMLButtonElement>('[part~="table-button"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(chart.shadowRoot!.querySelector('table')).to.equal(null);
    toggle.click();
    await chart.updateComplete;
    expect(chart.table).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(chart.shadowRoot!.querySelector<HTMLElement>('[part="chart"]')!.hidden, 'the drawing is hidden').to.equal(true);
    const table = chart.shadowRoot!.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent!.trim()).to.equal('Envíos por canal');
    expect([...table.querySelectorAll('thead th')].map((th) => [th.textContent!.trim(), th.getAttribute('scope')])).to.deep.equal([
      ['Canal', 'col'],
      ['Enviados', 'col'],
    ]);
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    const es = new Intl.NumberFormat('es', { maximumFractionDigits: 0 });
    expect(cells).to.deep.equal(rows.map((r) => [r['channel'], es.format(r['sent'] as number)]));

    chart.lang = 'en';
    await chart.updateComplete;
    expect(table.querySelector('tbody tr td:last-child')!.textContent!.trim()).to.equal('1,200');
    expect(toggle.textContent!.trim()).to.equal('View as table');

    toggle.click();
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelector('table')).to.equal(null);
    expect(bars(chart)).to.have.length(4);
  });

  it('exports a PNG and an SVG of the chart and a CSV of the table, with a dated file name', async () => {
    const { chart } = await mountChart();
    const png = await chart.toPNG();
    expect(png.startsWith('data:image/png;base64,')).to.equal(true);
    expect([...dataURLBytes(png).slice(0, 8)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = new Image();
    image.src = png;
    await image.decode();
    expect(image.naturalWidth, 'scale 2').to.equal(Math.round(Number(svgOf(chart).getAttribute('width')) * 2));

    const svg = await chart.toSVG();
    expect(svg.startsWith('data:image/svg+xml;charset=utf-8,')).to.equal(true);
    const markup = decodeURIComponent(svg.slice(svg.indexOf(',') + 1));
    expect(markup.startsWith('<svg')).to.equal(true);
    const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).to.equal(null);
    expect(parsed.querySelectorAll('.mark-rect path')).to.have.length(4);

    expect(chart.toCSV()).to.equal('Canal,Enviados\r\npush,1200\r\nemail,800\r\nsms,450\r\ninapp,90\r\n');
    expect(chart.fileName('png')).to.match(/^envios-por-canal-\d{4}-\d{2}-\d{2}\.png$/);

    // The buttons download through a link with that name.
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href.slice(0, 15)}`);
    };
    try {
      chart.shadowRoot!.querySelector<HTMLButtonElement>('[data-format="svg"]')!.click();
      chart.shadowRoot!.querySelector<HTMLButtonElement>('[data-format="csv"]')!.click();
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    clicked.sort();
    expect(clicked).to.have.length(2);
    expect(clicked[0]).to.match(/^envios-por-canal-[\d-]+\.csv blob:/);
    expect(clicked[1]).to.match(/^envios-por-canal-[\d-]+\.svg blob:/);
  });

  it('neutralises spreadsheet formulas in the CSV', async () => {
    const { chart } = await mountChart(html`<ig-chart label="x" .spec=${barSpec} .data=${[{ channel: '=HYPERLINK("x")', sent: -3 }]}></ig-chart>`);
    expect(chart.toCSV()).to.equal('channel,sent\r\n"\'=HYPERLINK(""x"")",-3\r\n');
  });

  it('takes its colours from the design tokens and follows a change of --ig-color-primary', async () => {
    const { root, chart } = await mountChart(html`
      <div><ig-chart label="Envíos" .spec=${barSpec} .data=${rows}></ig-chart></div>
    `);
    expect(bars(chart)[0]!.getAttribute('fill')).to.equal('rgb(30, 136, 229)'); // #1E88E5
    await redrawn(chart, () => root.style.setProperty('--ig-color-primary', '#c2185b'));
    expect(bars(chart)).to.have.length(4);
    for (const bar of bars(chart)) expect(bar.getAttribute('fill')).to.equal('rgb(194, 24, 91)');
  });

  it('draws dark when the page sets dark tokens', async () => {
    const { chart } = await mountChart(html`
      <div
        style="--ig-color-surface: #111827; --ig-color-text: #F9FAFB; --ig-color-text-muted: #CBD5E1; --ig-color-border: #374151; --ig-color-primary: #64B5F6"
      >
        <ig-chart label="Envíos" .spec=${barSpec} .data=${rows}></ig-chart>
      </div>
    `);
    expect(svgOf(chart).style.backgroundColor).to.equal('rgb(17, 24, 39)');
    const labels = [...chart.shadowRoot!.querySelectorAll('.role-axis-label text')];
    expect(labels.length).to.be.greaterThan(0);
    for (const label of labels) expect(label.getAttribute('fill')).to.equal('rgb(203, 213, 225)');
    expect(chart.shadowRoot!.querySelector('.role-axis-grid line')!.getAttribute('stroke')).to.equal('rgb(55, 65, 81)');
    expect(bars(chart)[0]!.getAttribute('fill')).to.equal('rgb(100, 181, 246)');
    const png = await chart.toPNG(1);
    const image = new Image();
    image.src = png;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    expect([...context.getImageData(1, 1, 1, 1).data], 'exported PNG has the dark background').to.deep.equal([17, 24, 39, 255]);
    await expect(chart).to.be.accessible();
  });

  it('fills its container and follows it down to 320 px', async () => {
    const { root, chart } = await mountChart(html`
      <div style="width: 720px"><ig-chart label="Envíos" .spec=${barSpec} .data=${rows}></ig-chart></div>
    `);
    expect(Number(svgOf(chart).getAttribute('width'))).to.be.within(700, 720);
    root.style.width = '320px';
    // container:resize updates the width signal; wait until the SVG follows.
    for (let i = 0; i < 50 && Number(svgOf(chart).getAttribute('width')) > 320; i++) await new Promise((r) => setTimeout(r, 20));
    const width = Number(svgOf(chart).getAttribute('width'));
    expect(width).to.be.within(300, 320);
    expect(chart.getBoundingClientRect().width).to.equal(320);
    expect(chart.scrollWidth, 'nothing overflows').to.be.at.most(320);
    expect(bars(chart)).to.have.length(4);
    for (const bar of bars(chart)) expect(bar.getBBox().width).to.be.greaterThan(10);
  });

  it('shows an empty state without loading Vega, and an alert with ig-chart-error for a broken spec', async () => {
    const { chart } = await mountChart(html`<ig-chart label="Vacío" .spec=${barSpec} .data=${[]}></ig-chart>`);
    expect(chart.shadowRoot!.querySelector('[part="message"]')!.textContent).to.contain('Sin datos');
    expect(chart.shadowRoot!.querySelector<HTMLElement>('[part="chart"]')!.hidden).to.equal(true);
    await expect(chart).to.be.accessible();

    const errors: string[] = [];
    chart.addEventListener('ig-chart-error', (e) => errors.push(e.detail.message));
    const originalError = console.error;
    console.error = () => undefined;
    try {
      chart.data = rows;
      chart.spec = { mark: 'nope', encoding: {} } as unknown as IgChartSpec;
      await chart.renderComplete;
    } finally {
      console.error = originalError;
    }
    expect(errors).to.have.length(1);
    expect(chart.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('No se pudo dibujar');
  });

  for (const variant of ['source', 'cdn', 'classic'] as const) {
    it(`renders under a strict CSP without any violation (${variant} build)`, async () => {
      if (variant !== 'source') await requireBuild();
      const { frame, win, doc } = await openPage(`/__ig/csp/${variant}.html`);
      try {
        const { marks, png, svg, tableRows } = await chartInPage(win, doc);
        expect(marks).to.equal(rows.length);
        expect(png.startsWith('data:image/png')).to.equal(true);
        expect(decodeURIComponent(svg.slice(svg.indexOf(',') + 1)).startsWith('<svg')).to.equal(true);
        expect(tableRows).to.equal(rows.length);
        expect(win.__igViolations, JSON.stringify(win.__igViolations)).to.deep.equal([]);
        if (variant !== 'source') {
          const vega = win.performance.getEntriesByType('resource').filter((e) => e.name.includes('/dist/cdn/ig-widgets-vega.js'));
          expect(vega, 'the Vega chunk comes from next to the bundle').to.have.length(1);
        }

        // Control: the page really enforces the policy (else "no violation" proves nothing).
        const style = doc.createElement('style');
        style.textContent = 'body { color: red }';
        doc.head.append(style);
        doc.body.setAttribute('style', 'color: red');
        await new Promise((r) => setTimeout(r, 150));
        expect(win.__igViolations.map((v) => v.directive).sort()).to.deep.equal(['style-src-attr', 'style-src-elem']);
      } finally {
        frame.remove();
      }
    });
  }

  it('fetches no Vega byte on a page with only provider and KPIs, and the chunk once when charts render', async () => {
    await requireBuild();
    const stack = (await (await fetch('/__stack')).json()) as { api: string; tokens: Record<string, string> };
    const { frame, win, doc } = await openPage('/__ig/lazy.html');
    try {
      await win.customElements.whenDefined('ig-channel-kpis');
      const provider = doc.querySelector('ig-provider')!;
      const kpis = doc.querySelector('ig-channel-kpis')!;
      const loaded = new Promise<Event>((resolve) => kpis.addEventListener('ig-load', resolve, { once: true }));
      provider.setAttribute('api', stack.api);
      provider.setAttribute('token', Object.values(stack.tokens)[0]!);
      await loaded;
      await new Promise((r) => setTimeout(r, 200));
      const scripts = () =>
        win.performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          // The dev server's own socket script is injected into every page it serves.
          .filter((p) => p.endsWith('.js') && !p.startsWith('/__web-dev-server'));
      // Only the up-front files of the CDN build: its entry and the chunk it shares with the lazy ones.
      expect(scripts().filter((p) => !/^\/dist\/cdn\/ig-widgets(-cdn-[\w-]+)?\.js$/.test(p))).to.deep.equal(['/__ig/csp/listen.js']);
      expect(scripts()).to.include('/dist/cdn/ig-widgets.js');
      expect(kpis.shadowRoot!.querySelectorAll('[part="value"]').length, 'KPIs rendered').to.equal(4);

      const first = await chartInPage(win, doc);
      expect(first.marks).to.equal(rows.length);
      const second = await chartInPage(win, doc);
      expect(second.marks).to.equal(rows.length);
      expect(scripts().filter((p) => p.includes('vega'))).to.deep.equal(['/dist/cdn/ig-widgets-vega.js']);
      expect(win.__igViolations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
