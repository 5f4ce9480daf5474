/**
 * What every widget under one `<ig-provider>` shares: the connection (BFF, token, project), the
 * language and theme, the project's meta (GET /v1/meta: time zone, channels, freshness per data
 * group) and the shared filters. `<ig-provider>` provides it; every `IgElement` consumes it
 * (subscribed, so changes reach them).
 */
import { createContext } from '@lit/context';
import type { IgApiClient, IgApiError } from '../api/client.js';
import type { IgMetaResponse } from '../api/types.js';
import type { IgFilters } from '../filters/filters.js';
import type { IgLocale } from '../i18n/index.js';

/** Light or dark; `null` follows `prefers-color-scheme`. */
export type IgTheme = 'light' | 'dark';

/** GET /v1/meta for the provider's connection, fetched once per connection. */
export type IgMetaState =
  | { status: 'idle' | 'pending'; value?: undefined; error?: undefined }
  | { status: 'complete'; value: IgMetaResponse; error?: undefined }
  | { status: 'error'; value?: undefined; error: IgApiError };

export interface IgContextValue {
  /** BFF base URL; `''` means the page's own origin. */
  api: string;
  /** The user's JWT (the latest, after a refresh through `tokenProvider`), or `null`. */
  token: string | null;
  /** Project to query, for tokens that cover several projects. */
  project: string | null;
  /** Authenticate with the BFF's session cookie (set by /auth/exchange or /auth/session). */
  session: boolean;
  /** Language of the widgets' text. */
  locale: IgLocale;
  /** Theme set on the provider; `null`: follow `prefers-color-scheme`. */
  theme: IgTheme | null;
  /**
   * Client for the connection; the same instance until api/token/project/session change (a token
   * refreshed after a 401 keeps the client), so its identity tells "did the connection change?".
   */
  client: IgApiClient;
  /** The project's meta: time zone, channels and freshness per data group. */
  meta: IgMetaState;
  /** Fetches GET /v1/meta again (the retry of `<ig-freshness>`). */
  reloadMeta(): void;
  /** The shared filters. */
  filters: Readonly<IgFilters>;
  /**
   * Changes the shared filters of this provider: every element under it refetches what the change
   * affects, and `ig-filter-change` is dispatched from `source` (default: the provider) when
   * something changed. Call it on a user's action only.
   */
  setFilters(patch: Partial<IgFilters>, source?: Element): void;
  /** Token refresh hooks, for nested providers and the client (not for elements). */
  auth: IgAuthHooks;
}

export interface IgAuthHooks {
  /**
   * A token to use instead of `failed` (which got a 401, or `null` when there was none): the
   * current one when someone already refreshed it, else the `tokenProvider`'s answer (one call for
   * any number of concurrent failures), else `null`. Absent when there is no `tokenProvider`.
   */
  refresh?: ((failed: string | null) => Promise<string | null>) | undefined;
  /** A request failed with 401 even after a refresh (or none was possible). */
  failed(error: IgApiError): void;
}

/**
 * Keyed by a registered symbol so that two copies of the library on one page (say the CDN bundle and
 * an npm build) still find each other's providers.
 */
export const igContext = createContext<IgContextValue>(Symbol.for('@indigitall/insights:context'));
