/**
 * Resolves the language of an element's text and the tag used for `Intl`, and re-renders the host when
 * a `lang` attribute changes anywhere in the document (one shared MutationObserver for all hosts).
 *
 * Order: the element's own `lang` → the provider's `locale` → the nearest `lang` ancestor (crossing
 * shadow roots) → `es`. The first of those naming a supported language wins. Number and date formats
 * keep the region of a matching `lang` (`es-MX` groups thousands with commas, `es-ES` with dots).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { canonicalTag, DEFAULT_LOCALE, languageOf, loadTranslation, translations, type IgLocale, type IgTranslation } from '../i18n/index.js';

type Host = ReactiveControllerHost & HTMLElement;

const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

function watch(host: Host): void {
  hosts.add(host);
  if (!observer) {
    observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

function unwatch(host: Host): void {
  hosts.delete(host);
  if (hosts.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

/** The `lang` of the nearest ancestor that has one, crossing shadow roots; `lang=""` means unknown. */
export function inheritedLang(element: Element): string | undefined {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') || undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

export class LocaleController implements ReactiveController {
  constructor(
    private readonly host: Host,
    /** The element's own language tag (its `lang` property). */
    private readonly ownLang: () => string | undefined,
    /** The provider's locale, when there is a provider. */
    private readonly providerLocale: () => IgLocale | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    watch(this.host);
  }

  hostDisconnected(): void {
    unwatch(this.host);
  }

  /** The language of the element's text. */
  get language(): IgLocale {
    return (
      languageOf(this.ownLang()) ?? this.providerLocale() ?? languageOf(inheritedLang(this.host)) ?? DEFAULT_LOCALE
    );
  }

  /** The locale for `Intl`: a matching `lang` with its region when there is one, else the language. */
  get formatLocale(): string {
    const language = this.language;
    for (const tag of [this.ownLang(), inheritedLang(this.host)]) {
      const canonical = canonicalTag(tag);
      if (canonical && languageOf(canonical) === language) return canonical;
    }
    return language;
  }

  /**
   * The translation table of the element's language. A table not at hand yet (the CDN bundle fetches
   * languages other than Spanish on demand) is fetched, Spanish shows meanwhile, and the host
   * re-renders when it arrives.
   */
  get t(): IgTranslation {
    const language = this.language;
    const table = translations[language];
    if (table) return table;
    void loadTranslation(language).then(() => this.host.requestUpdate());
    return translations[DEFAULT_LOCALE]!;
  }
}
