/**
 * The classic-script build (dist/cdn/ig-widgets.classic.js), for hosts that can only add a plain
 * `<script src>`: a few hundred bytes that import the CDN module next to it, resolved against this
 * script's own URL (`document.currentScript`, which is only set while the script runs). The tags work
 * as soon as it has loaded; `IgWidgets.ready` resolves to the module (classes, client, types).
 * Until then, elements a framework creates are placeholders that keep their properties (placeholders.ts,
 * ADR 019): the loader installs them at once, so a React or Vue app that renders right after this script
 * loses nothing.
 */
import { ELEMENT_TAGS } from './element-tags.js';
import { installPlaceholders } from './placeholders.js';

installPlaceholders(ELEMENT_TAGS);
const script = document.currentScript as HTMLScriptElement | null;
const moduleUrl = new URL('./ig-widgets.js', script?.src || document.baseURI).href;

declare global {
  // eslint-disable-next-line no-var
  var IgWidgets: { ready: Promise<unknown> } | undefined;
}

globalThis.IgWidgets = { ready: import(/* webpackIgnore: true */ moduleUrl) };

