/** Languages the widgets speak. `es` is the default and the fallback. */
export type IgLocale = 'es' | 'en' | 'pt-BR';

/**
 * Every user-facing string of the widgets, per locale. Interpolated strings are functions whose
 * arguments are already formatted (numbers and dates through `Intl`, never by hand).
 *
 * Element authors: add the keys a new element needs here (the compiler then asks for them in every
 * table), grouped under the element's name when they are its own.
 */
export interface IgTranslation {
  /** Display names of channels (and `all`); an unknown channel shows as written. */
  channels: Readonly<Record<string, string>>;
  /** Display names of the data groups that are not channels (devices, agents, campaigns, journeys). */
  groups: Readonly<Record<string, string>>;
  /** Names of the metrics `GET /v1/kpis`, `/v1/timeseries` and `/v1/breakdown` answer with, by key. */
  metrics: Readonly<Record<string, string>>;
  /** Accessible name of a channel's KPI row. */
  kpisLabel: (channel: string) => string;
  /** Announced while data loads. */
  loading: string;
  /** The period has no data at all. */
  empty: string;
  /** The `<ig-provider>` around the element has no token (nor `session`, nor a tokenProvider that gave one). */
  notConnected: string;
  /** No `<ig-provider>` around the element (or the page defined its own element of that name). */
  noProvider: string;
  retry: string;
  errors: {
    unauthorized: string;
    forbidden_project: string;
    /** `param` is the name of the rejected parameter, e.g. `channel`. */
    invalid_parameter: (param: string) => string;
    not_found: string;
    project_not_found: string;
    network: string;
    /** 429: too many requests. */
    rate_limited: string;
    /** Any other failure (5xx, unknown codes). */
    internal: string;
  };
  /** Change versus the previous period, for screen readers (`amount` is already formatted). */
  change: {
    up: (amount: string) => string;
    down: (amount: string) => string;
    flat: string;
    none: string;
  };
  /** Percentage points, short (on screen) and long (for screen readers); `amount` is formatted. */
  percentagePoints: (amount: string) => string;
  percentagePointsLong: (amount: string) => string;
  /** Caption under the cards: the period shown and the one it is compared with (both formatted). */
  period: (current: string, previous: string) => string;
  /** The badge of data older than its refresh tier allows; `when` is the last update, formatted. */
  stale: { badge: string; title: (when: string) => string };
  /** `<ig-filter-bar>`. */
  filters: {
    label: string;
    period: string;
    presets: Readonly<Record<'last7' | 'last30' | 'last90' | 'thisMonth' | 'previousMonth' | 'custom', string>>;
    from: string;
    to: string;
    channel: string;
    allChannels: string;
    platform: string;
    allPlatforms: string;
  };
  /** `<ig-freshness>`. */
  freshness: {
    label: string;
    /** `when` is the instant of the last successful sync, formatted. */
    asOf: (when: string) => string;
    never: string;
    stale: string;
  };
  /** Screen-reader text of a figure that does not apply or cannot be computed (shown as a dash). */
  noValue: string;
}
