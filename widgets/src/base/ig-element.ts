/**
 * What every indigitall Insights element shares: the provider's context (connection, meta, filters),
 * language resolution, the theme and a typed `emit()`.
 */
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { igContext, type IgContextValue, type IgTheme } from '../context/ig-context.js';
import { emitIgEvent, type IgEvent, type IgEventDetailMap, type IgEventName } from '../events/index.js';
import type { IgLocale, IgTranslation } from '../i18n/index.js';
import { adoptEarlyProperties } from './early-properties.js';
import { LocaleController } from './locale-controller.js';

/**
 * Base class of every Insights element (not a tag itself). Subclasses read the provider's context
 * from `ig`, text from `t` and format numbers with `formatLocale`.
 */
export class IgElement extends LitElement {
  /**
   * Language of this element's text, as a BCP 47 tag (`es`, `en`, `pt-BR`, `es-MX`). When unset or
   * unsupported: the provider's `locale`, then the nearest `lang` ancestor, then `es`.
   */
  @property({ reflect: true }) override lang!: string;

  /** `light` or `dark`. Unset: the provider's theme, else the user's `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: IgTheme;

  /** The context of the nearest `<ig-provider>`; `undefined` when there is none. */
  @consume({ context: igContext, subscribe: true })
  @state()
  protected ig?: IgContextValue;

  protected readonly localize = new LocaleController(
    this,
    () => this.lang || undefined,
    () => this.ig?.locale,
  );

  /** The resolved language of the element's text. */
  protected get language(): IgLocale {
    return this.localize.language;
  }

  /** The translation table of the resolved language. */
  protected get t(): IgTranslation {
    return this.localize.t;
  }

  /** What keeps the element from connecting: no provider around it, or no token in the provider. */
  protected get notConnectedText(): string {
    return this.ig ? this.t.notConnected : this.t.noProvider;
  }

  /** The locale to hand to `Intl` formatters. */
  protected get formatLocale(): string {
    return this.localize.formatLocale;
  }

  private earlyPropertiesAdopted = false;

  /** Hands properties set before the class was defined to its setters, once (base/early-properties.ts). */
  override connectedCallback(): void {
    if (!this.earlyPropertiesAdopted) {
      this.earlyPropertiesAdopted = true;
      adoptEarlyProperties(this);
    }
    super.connectedCallback();
  }

  /** The styles key on `data-theme` (own `theme`, else the provider's); absent: `prefers-color-scheme`. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const theme = this.theme === 'light' || this.theme === 'dark' ? this.theme : this.ig?.theme;
    if (theme) this.dataset['theme'] = theme;
    else delete this.dataset['theme'];
  }

  /**
   * Offers the shadow root to the CDN bundle's autoloader when it runs (widgets/src/autoloader.ts), so
   * lazily loaded elements rendered inside this one are fetched too. Subclasses call super.
   */
  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    const autoload = (globalThis as Record<symbol, unknown>)[Symbol.for('@indigitall/insights:autoload')];
    if (typeof autoload === 'function' && this.renderRoot instanceof ShadowRoot) autoload(this.renderRoot);
  }

  /** Dispatches a typed `ig-*` event from this element; it bubbles and crosses shadow roots. */
  protected emit<K extends IgEventName>(name: K, detail: IgEventDetailMap[K]): IgEvent<K> {
    return emitIgEvent(this, name, detail);
  }
}
