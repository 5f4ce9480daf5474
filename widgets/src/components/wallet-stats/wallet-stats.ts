import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { formatMetricValue } from '../../i18n/format.js';
import { STRINGS, type IgWalletStatsStrings } from './wallet-stats.i18n.js';
import styles from './wallet-stats.styles.js';

/** The four figures of wallet passes. */
export const WALLET_FIGURES = ['issued', 'installed', 'uninstalled', 'updates'] as const;
export type IgWalletFigure = (typeof WALLET_FIGURES)[number];

export type IgWalletTotals = Record<IgWalletFigure, number>;
export type IgWalletDay = IgWalletTotals & { day: string };

/** `GET /v1/wallet[?from&to]` */
export interface IgWalletResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  totals: IgWalletTotals;
  days: IgWalletDay[];
  /** `apple`, `google`. */
  platforms: { platform: string; totals: IgWalletTotals; days: IgWalletDay[] }[];
}

/**
 * Place it inside an `<ig-provider>`. Shows the period's wallet passes issued, installed,
 * uninstalled and updates sent: each total with its Apple Wallet / Google Wallet split, and the four
 * per day as lines (the table alternative lists every day). Without `from`/`to` it follows the
 * shared period. Each total has `data-metric` and `data-value` (the raw number).
 *
 * @summary Wallet passes issued, installed, uninstalled and updated, in total, per day and per platform.
 *
 * @tag ig-wallet-stats
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is rendered (also an empty period).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart figures - The list of totals.
 * @csspart figure - One total (`data-metric`).
 * @csspart figure-label - A total's name.
 * @csspart figure-value - A total's formatted value (`data-metric`, `data-value`).
 * @csspart split - A total's per-platform figures (each with `data-platform` and `data-value`).
 * @csspart chart - The `<ig-chart>`: the four figures per day.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The error state's button that loads the data again.
 * @csspart stale - The badge shown when the wallet data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-wallet-stats-figure-min-width=8.5em] - Narrowest a figure may get before the row wraps.
 * @cssproperty [--ig-chart-palette] - Series colours after the primary one.
 * @cssproperty [--ig-color-primary=#1E88E5] - First series.
 * @cssproperty [--ig-color-text=#1F2937] - Values.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels and the platform split.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Figure background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Figure borders.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgWalletStats extends IgDataElement<IgWalletResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  private get s(): IgWalletStatsStrings {
    return STRINGS[this.language] ?? STRINGS.es;
  }

  /** First day of the period (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return { path: '/v1/wallet', params: { from: own ? this.from : period.from, to: own ? this.to : period.to } };
  }

  protected dataGroups(): readonly string[] {
    return ['wallet'];
  }

  protected label(): string {
    return this.s.label;
  }

  protected override isEmpty(data: IgWalletResponse): boolean {
    return WALLET_FIGURES.every((f) => data.totals[f] === 0);
  }

  private name(figure: IgWalletFigure): string {
    return this.t.metrics[figure] ?? figure;
  }

  private rows(data: IgWalletResponse): IgChartRow[] {
    return data.days.map((d) => ({ ...d }));
  }

  private spec(): IgChartSpec {
    const names = WALLET_FIGURES.map((f) => this.name(f));
    const calculate = WALLET_FIGURES.reduceRight(
      (rest, f, i) => `datum.figure === ${JSON.stringify(f)} ? ${JSON.stringify(names[i])} : ${rest}`,
      JSON.stringify(''),
    );
    return {
      transform: [
        { fold: [...WALLET_FIGURES], as: ['figure', 'count'] },
        { calculate, as: 'figureName' },
      ],
      mark: { type: 'line', point: true, interpolate: 'monotone' },
      encoding: {
        x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null, axis: { labelOverlap: true } },
        y: { field: 'count', type: 'quantitative', title: null, axis: { format: ',~s', tickCount: 4 } },
        color: { field: 'figureName', type: 'nominal', title: null, sort: names, legend: { orient: 'bottom' } },
      },
    } as IgChartSpec;
  }

  private columns(): IgChartColumn[] {
    return [
      { key: 'day', header: this.s.day, format: 'date' },
      ...WALLET_FIGURES.map((f) => ({ key: f, header: this.name(f), format: 'integer' as const })),
    ];
  }

  protected renderData(data: IgWalletResponse): TemplateResult {
    const t = this.s;
    const locale = this.formatLocale;
    return html`
      <dl part="figures" class="figures">
        ${WALLET_FIGURES.map(
          (f) => html`<div part="figure" class="figure" data-metric=${f}>
            <dt part="figure-label" class="figure-label">${this.name(f)}</dt>
            <dd part="figure-value" class="figure-value" data-metric=${f} data-value=${String(data.totals[f])}>
              ${formatMetricValue(locale, 'count', data.totals[f])}
            </dd>
            <dd part="split" class="split">
              ${data.platforms.map(
                (p) =>
                  html`<span data-platform=${p.platform} data-value=${String(p.totals[f])}
                    >${t.platforms[p.platform] ?? p.platform}: ${formatMetricValue(locale, 'count', p.totals[f])}</span
                  >`,
              )}
            </dd>
          </div>`,
        )}
      </dl>
      <ig-chart
        part="chart"
        .label=${t.chart}
        .spec=${this.memo('spec', data, () => this.spec())}
        .data=${this.memo('rows', data, () => this.rows(data))}
        .columns=${this.memo('columns', data, () => this.columns())}
      ></ig-chart>
    `;
  }

  private memos = new Map<string, { data: unknown; language: string; value: unknown }>();

  /** The same object for the same answer and language, so the chart redraws only when they change. */
  private memo<V>(key: string, data: IgWalletResponse, make: () => V): V {
    const hit = this.memos.get(key);
    if (hit && hit.data === data && hit.language === this.formatLocale) return hit.value as V;
    const value = make();
    this.memos.set(key, { data, language: this.formatLocale, value });
    return value;
  }
}
