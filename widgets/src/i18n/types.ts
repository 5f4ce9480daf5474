import type { IgKpiKey } from '../api/types.js';

/** Languages the widgets speak. `es` is the default and the fallback. */
export type IgLocale = 'es' | 'en';

/**
 * Every user-facing string of the widgets, per locale. Interpolated strings are functions whose
 * arguments are already formatted (numbers through `Intl`, never by hand).
 */
export interface IgTranslation {
  /** Display names of channels; an unknown channel shows as written. */
  channels: Readonly<Record<string, string>>;
  /** Accessible name of a channel's KPI row. */
  kpisLabel: (channel: string) => string;
  metrics: Readonly<Record<IgKpiKey, string>>;
  /** Announced while data loads. */
  loading: string;
  /** The period has no data at all. */
  empty: string;
  /** No `<ig-provider>` around the element, or it has no token. */
  notConnected: string;
  retry: string;
  errors: {
    unauthorized: string;
    forbidden_project: string;
    /** `param` is the name of the rejected parameter, e.g. `channel`. */
    invalid_parameter: (param: string) => string;
    not_found: string;
    project_not_found: string;
    network: string;
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
}
