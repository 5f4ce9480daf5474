import { provide } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { IgApiClient } from '../../api/client.js';
import { IgElement } from '../../base/ig-element.js';
import { inheritedLang } from '../../base/locale-controller.js';
import { igContext, type IgContextValue } from '../../context/ig-context.js';
import { DEFAULT_LOCALE, isIgLocale, languageOf, type IgLocale } from '../../i18n/index.js';

/**
 * Widgets find the nearest provider above them and re-render when any of its properties
 * change (a new token or project refetches their data). Providers nest: an inner provider takes what
 * it leaves unset from the outer one, so a page can set `api` and `token` once and `project` per
 * section. The provider has no box of its own, hence no `base` part.
 *
 * @summary Connects the Insights widgets inside it to the BFF: base URL, the user's token, the project
 * and the language. Renders its children unchanged (`display: contents`).
 *
 * @tag ig-provider
 *
 * @slot - The widgets (at any depth, also inside other shadow roots) and any other content.
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

  /** Project (indigitall `applicationId`) to query, for tokens that cover several projects. */
  @property() project?: string | null;

  /**
   * Authenticate with the BFF's HttpOnly session cookie instead of a token: the analytics subdomain
   * and the iframe pages, where `/auth/exchange` or `/auth/session` set it. Cross-origin, the BFF must
   * list the page's origin in `CORS_ORIGINS`.
   */
  @property({ type: Boolean, reflect: true }) session = false;

  /** Language of the widgets: `es` or `en`. Unset: the nearest `lang` ancestor, else `es`. */
  @property() locale?: IgLocale;

  @provide({ context: igContext })
  protected provided?: IgContextValue;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const outer = this.ig;
    const api = this.api ?? outer?.api ?? '';
    const token = this.token || outer?.token || null;
    const project = this.project || outer?.project || null;
    const session = this.session || (outer?.session ?? false);
    const locale = this.resolveLocale(outer);
    const current = this.provided;
    const sameConnection = current && current.api === api && current.token === token && current.project === project && current.session === session;
    if (sameConnection && current.locale === locale) return;
    const client = sameConnection ? current.client : new IgApiClient({ api, token, project, session });
    this.provided = { api, token, project, session, locale, client };
  }

  private resolveLocale(outer: IgContextValue | undefined): IgLocale {
    if (isIgLocale(this.locale)) return this.locale;
    return languageOf(this.lang) ?? outer?.locale ?? languageOf(inheritedLang(this)) ?? DEFAULT_LOCALE;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
