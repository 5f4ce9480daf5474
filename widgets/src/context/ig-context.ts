/**
 * The connection every widget shares: where the BFF is, who the user is, which project and language.
 * `<ig-provider>` provides it; every `IgElement` consumes it (subscribed, so changes reach them).
 */
import { createContext } from '@lit/context';
import type { IgApiClient } from '../api/client.js';
import type { IgLocale } from '../i18n/index.js';

export interface IgContextValue {
  /** BFF base URL; `''` means the page's own origin. */
  api: string;
  /** The user's JWT, or `null` when the host has not given one (yet). */
  token: string | null;
  /** Project to query, for tokens that cover several projects. */
  project: string | null;
  /** Authenticate with the BFF's session cookie (set by /auth/exchange or /auth/session). */
  session: boolean;
  /** Language of the widgets' text. */
  locale: IgLocale;
  /** Client for `api`/`token`/`project`/`session`; the same instance until one of those changes. */
  client: IgApiClient;
}

/**
 * Keyed by a registered symbol so that two copies of the library on one page (say the CDN bundle and
 * an npm build) still find each other's providers.
 */
export const igContext = createContext<IgContextValue>(Symbol.for('@indigitall/insights:context'));
