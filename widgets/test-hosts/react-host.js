// A host page's app built with React 19 (bundled by esbuild in web-test-runner.config.mjs): it renders
// <ig-provider .api .token><ig-dashboard .layout></ig-dashboard></ig-provider> synchronously as soon as
// this script runs, with the settings in the page's URL fragment, and records the ig-* events it gets
// through React's own event props. The widgets come from the page (CDN module or classic loader) or,
// in the npm build's variant, from this bundle (import of dist/esm, see the config).
import { createElement as h } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

const settings = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const events = [];
const record = (e) => events.push({ type: e.type, tag: e.target.localName, detail: e.detail });

function App({ api, token, layout, project }) {
  return h(
    'ig-provider',
    { api, token, project, locale: 'es', 'onig-load': record, 'onig-error': record },
    h('ig-dashboard', { layout, 'onig-load': record }),
  );
}

const root = createRoot(document.getElementById('root'));
let props = settings;
flushSync(() => root.render(h(App, props)));

window.__host = {
  framework: 'react',
  events,
  update(next) {
    props = { ...props, ...next };
    flushSync(() => root.render(h(App, props)));
  },
};
