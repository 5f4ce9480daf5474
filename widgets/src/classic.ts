/**
 * The classic-script build (dist/cdn/ig-widgets.classic.js), for hosts that can only add a plain
 * `<script src>`: a few hundred bytes that import the CDN module next to it, resolved against this
 * script's own URL (`document.currentScript`, which is only set while the script runs). The tags work
 * as soon as it has loaded; `IgWidgets.ready` resolves to the module (classes, client, types).
 */
const script = document.currentScript as HTMLScriptElement | null;
const moduleUrl = new URL('./ig-widgets.js', script?.src || document.baseURI).href;

declare global {
  // eslint-disable-next-line no-var
  var IgWidgets: { ready: Promise<unknown> } | undefined;
}

globalThis.IgWidgets = { ready: import(/* webpackIgnore: true */ moduleUrl) };

export {};
