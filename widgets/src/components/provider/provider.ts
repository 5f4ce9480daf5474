import { provide } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { IgApiClient, IgApiError } from '../../api/client.js';
import type { IgChannel, IgMetaResponse } from '../../api/types.js';
import { IgElement } from '../../base/ig-element.js';
import { inheritedLang } from '../../base/locale-controller.js';
import { igContext, type IgAuthHooks, type IgContextValue, type IgMetaState } from '../../context/ig-context.js';
import { emitIgEvent } from '../../events/index.js';
import {
  DEFAULT_FILTERS,
  applyFilters,
  changedKeys,
  type IgFilters,
  type IgPeriodPreset,
  type IgPlatform,
} from '../../filters/filters.js';
import { warmFormats } from '../../i18n/format.js';
import { DEFAULT_LOCALE, languageOf, type IgLocale } from '../../i18n/index.js';

/** Returns the user's current indigitall JWT (e.g. from the host app's session). */
export type IgTokenProvider = () => string | null | undefined | Promise<string | null | undefined>;

const FILTER_KEYS = Object.keys(DEFAULT_FILTERS) as (keyof IgFilters)[];

/**
 * Widgets find the nearest provider above them and re-render when its context changes (a new token
 * or project refetches their data; a new language or theme only re-renders). Providers nest: an inner
 * provider takes what it leaves unset from the outer one, so a page can set `api` and `token` once and
 * `project` per section; an inner provider with no filter attribute shares the outer one's filters.
 * Two providers side by side are independent (their own meta, filters and token refresh).
 *
 * The shared filters are its `period`, `from`, `to`, `channel`, `platform` and `campaign` properties:
 * set them from code to preset the widgets (no event), while a user's change from inside (the filter
 * bar, a chart click) updates them and dispatches `ig-filter-change`.
 *
 * The provider has no box of its own, hence no `base` part.
 *
 * @summary Connects the Insights widgets inside it to the BFF (base URL, token or token provider,
 * project), and shares language, theme, the project's meta and the filters. Renders its children
 * unchanged (`display: contents`).
 *
 * @tag ig-provider
 *
 * @slot - The widgets (at any depth, also inside other shadow roots) and any other content.
 *
 * @event {CustomEvent<IgFilterChangeDetail>} ig-filter-change - A user changed the filters (from an
 * element inside; the event starts at that element). `detail`: `{ filters, changed }`.
 * @event {CustomEvent<IgAuthErrorDetail>} ig-auth-error - The BFF answered 401 and no token refresh
 * helped: the host should sign the user in again. Once per token. `detail`: `{ status, code, refreshed }`.
 */
export class IgProvider extends IgElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the Insights BFF, e.g. `https://insights.indigitall.com`; empty means the page's own origin. */
  @property() api?: string;

  /** The user's indigitall JWT, sent as `Authorization: Bearer`. Prefer setting the property to the attribute. */
  @property() token?: string | null;

  /**
   * Returns the user's current JWT (property only). Called once when a request needs a token and there
   * is none, and after a 401: the request is then retried once with the new token. Concurrent failures
   * share one call. When it returns nothing or the retry is refused too, `ig-auth-error` fires.
   */
  @property({ attribute: false }) tokenProvider?: IgTokenProvider;

  /** Project (indigitall `applicationId`) to query, for tokens that cover several projects. */
  @property() project?: string | null;

  /**
   * Authenticate with the BFF's HttpOnly session cookie instead of a token: the analytics subdomain
   * and the iframe pages, where `/auth/exchange` or `/auth/session` set it. Cross-origin, the BFF must
   * list the page's origin in `CORS_ORIGINS`.
   */
  @property({ type: Boolean, reflect: true }) session = false;

  /** Language of the widgets: `es`, `en` or `pt-BR`. Unset: the nearest `lang` ancestor, else `es`. */
  @property() locale?: IgLocale;

  /** Shared filter: period preset (`last7`, `last30`, `last90`, `thisMonth`, `previousMonth`, `custom`). Default `last30`. */
  @property() period?: IgPeriodPreset;

  /** Shared filter: first day (`YYYY-MM-DD`) of a `custom` period. */
  @property() from?: string | null;

  /** Shared filter: last day, inclusive, of a `custom` period. */
  @property() to?: string | null;

  /** Shared filter: channel (`push`, `inapp`, `sms`, `email`, `chat`, `wallet`); unset: all. */
  @property() channel?: IgChannel | null;

  /** Shared filter: platform (`android`, `ios`, `web`); unset: all. */
  @property() platform?: IgPlatform | null;

  /** Shared filter: selected campaign id; unset: none. */
  @property() campaign?: string | null;

  @provide({ context: igContext })
  protected provided?: IgContextValue;

  private hostToken: string | null = null;
  private connectionKey = '';
  private refreshed: { base: string | null; token: string } | undefined;
  private refreshing: Promise<string | null> | undefined;
  private authErrorFor: string | null | undefined;
  private metaAbort: AbortController | undefined;

  private readonly hooks: IgAuthHooks = {
    refresh: (failed) => this.refreshToken(failed),
    failed: (error) => {
      const token = this.provided?.token ?? null;
      if (this.authErrorFor === token) return;
      this.authErrorFor = token;
      emitIgEvent(this, 'ig-auth-error', { status: error.status, code: error.code, refreshed: Boolean(this.auth().refresh) });
    },
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.metaAbort?.abort();
    this.metaAbort = undefined;
    // Coming back makes a new client, which fetches the meta again.
    this.connectionKey = '';
  }

  /** The hooks this provider's client uses: its own tokenProvider, else the outer provider's. */
  private auth(): IgAuthHooks {
    const outer = this.ig?.auth;
    const refresh = this.tokenProvider ? this.hooks.refresh : !this.token ? outer?.refresh : undefined;
    return { refresh, failed: this.hooks.failed };
  }

  private ownFilters(): boolean {
    return !this.ig || FILTER_KEYS.some((k) => this[k] != null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.sync();
  }

  /** Computes the context from the properties and the outer provider's context. */
  private sync(): void {
    const outer = this.ig;
    const api = this.api ?? outer?.api ?? '';
    const hostToken = this.token || (this.tokenProvider ? null : outer?.token) || null;
    const project = this.project || outer?.project || null;
    const session = this.session || (outer?.session ?? false);
    const auth = this.auth();
    const key = JSON.stringify([api, hostToken, project, session, Boolean(auth.refresh)]);
    const current = this.provided;
    const sameConnection = current !== undefined && this.connectionKey === key;
    this.connectionKey = key;
    this.hostToken = hostToken;
    if (!sameConnection) this.refreshed = undefined;
    const token = this.refreshed?.base === hostToken ? this.refreshed.token : hostToken;

    let client: IgApiClient;
    let meta: IgMetaState;
    if (outer && outer.api === api && outer.token === token && outer.project === project && outer.session === session) {
      // Same connection as the outer provider: share its client and meta.
      this.metaAbort?.abort();
      client = outer.client;
      meta = outer.meta;
    } else if (sameConnection && current.client !== outer?.client) {
      client = current.client;
      meta = current.meta;
    } else {
      client = new IgApiClient({ api, token, project, session, auth });
      meta = this.fetchMeta(client);
      this.authErrorFor = undefined;
    }

    const filters = this.ownFilters() ? this.filters() : outer!.filters;
    // Written out (no shorthand): the manifest analyzer takes shorthand properties for module variables.
    const next: IgContextValue = {
      api: api,
      token: token,
      project: project,
      session: session,
      locale: this.resolveLocale(outer),
      theme: this.theme === 'light' || this.theme === 'dark' ? this.theme : (outer?.theme ?? null),
      client: client,
      meta: meta,
      reloadMeta: current?.reloadMeta ?? (() => this.reloadMeta()),
      filters: current && changedKeys(current.filters, filters).length === 0 ? current.filters : filters,
      setFilters: current?.setFilters ?? ((patch, source) => this.setFilters(patch, source)),
      auth: auth,
    };
    const keys = Object.keys(next) as (keyof IgContextValue)[];
    if (!current || keys.some((k) => k !== 'auth' && next[k] !== current[k])) this.provided = next;
  }

  /** The filters of this provider's properties, made valid. */
  private filters(): IgFilters {
    const patch: Partial<IgFilters> = {};
    for (const k of FILTER_KEYS) if (this[k] != null) Object.assign(patch, { [k]: this[k] });
    return applyFilters({ ...DEFAULT_FILTERS, period: this.period ?? DEFAULT_FILTERS.period }, patch);
  }

  /**
   * Changes the shared filters as a user's action would: updates the properties, refetches the
   * widgets the change affects and dispatches `ig-filter-change` from `source` (default: this
   * provider) when anything changed. An inner provider without filters of its own passes it on.
   */
  setFilters(patch: Partial<IgFilters>, source: Element = this): void {
    if (!this.ownFilters()) {
      this.ig!.setFilters(patch, source);
      return;
    }
    const before = this.filters();
    const after = applyFilters(before, patch);
    const changed = changedKeys(before, after);
    if (changed.length === 0) return;
    for (const k of FILTER_KEYS) Object.assign(this, { [k]: after[k] });
    // Elements see the new filters before the event's listeners run.
    this.sync();
    emitIgEvent(source, 'ig-filter-change', { filters: this.provided!.filters, changed });
  }

  /** Fetches GET /v1/meta for the current connection again. */
  reloadMeta(): void {
    const current = this.provided;
    if (!current || current.client === this.ig?.client) {
      this.ig?.reloadMeta();
      return;
    }
    this.provided = { ...current, meta: this.fetchMeta(current.client) };
  }

  private fetchMeta(client: IgApiClient): IgMetaState {
    this.metaAbort?.abort();
    this.metaAbort = undefined;
    if (!client.connected) return { status: 'idle' };
    const abort = (this.metaAbort = new AbortController());
    const settle = (meta: IgMetaState) => {
      if (abort.signal.aborted || this.provided?.client !== client) return;
      this.provided = { ...this.provided, meta };
    };
    // While the meta and then the data are in flight: ICU's start-up, out of the first render.
    warmFormats(this.resolveLocale(this.ig));
    client.get<IgMetaResponse>('/v1/meta', {}, abort.signal).then(
      (value) => settle({ status: 'complete', value }),
      (error: unknown) => settle({ status: 'error', error: IgApiError.from(error) }),
    );
    return { status: 'pending' };
  }

  private refreshToken(failed: string | null): Promise<string | null> {
    const current = this.provided?.token ?? null;
    if (current && current !== failed) return Promise.resolve(current);
    return (this.refreshing ??= this.callTokenProvider());
  }

  private async callTokenProvider(): Promise<string | null> {
    const base = this.hostToken;
    let token: string | null = null;
    try {
      token = (await this.tokenProvider?.()) || null;
    } catch {
      // A failing provider is the same as no new token: the 401 stands.
    }
    this.refreshing = undefined;
    if (token && this.provided && this.hostToken === base) {
      this.refreshed = { base, token };
      this.provided = { ...this.provided, token };
    }
    return token;
  }

  private resolveLocale(outer: IgContextValue | undefined): IgLocale {
    return languageOf(this.locale) ?? languageOf(this.lang) ?? outer?.locale ?? languageOf(inheritedLang(this)) ?? DEFAULT_LOCALE;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
