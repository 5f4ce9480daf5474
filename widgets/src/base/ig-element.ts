/**
 * What every indigitall Insights element shares: the provider's connection (context), language
 * resolution and a typed `emit()`.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { igContext, type IgContextValue } from '../context/ig-context.js';
import type { IgEvent, IgEventDetailMap, IgEventName } from '../events/index.js';
import type { IgLocale, IgTranslation } from '../i18n/index.js';
import { LocaleController } from './locale-controller.js';

/**
 * Base class of every Insights element (not a tag itself). Subclasses read the provider's connection
 * from `ig`, text from `t` and format numbers with `formatLocale`.
 */
export class IgElement extends LitElement {
  /**
   * Language of this element's text, as a BCP 47 tag (`es`, `en`, `es-MX`). When unset or unsupported:
   * the provider's `locale`, then the nearest `lang` ancestor, then `es`.
   */
  @property({ reflect: true }) override lang!: string;

  /** The connection of the nearest `<ig-provider>`; `undefined` when there is none. */
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

  /** The locale to hand to `Intl` formatters. */
  protected get formatLocale(): string {
    return this.localize.formatLocale;
  }

  /** Dispatches a typed `ig-*` event that bubbles and crosses shadow roots. */
  protected emit<K extends IgEventName>(
    name: K,
    detail: IgEventDetailMap[K],
    options: Omit<CustomEventInit, 'detail'> = {},
  ): IgEvent<K> {
    const event = new CustomEvent<IgEventDetailMap[K]>(name, { bubbles: true, composed: true, ...options, detail });
    this.dispatchEvent(event);
    return event;
  }
}
