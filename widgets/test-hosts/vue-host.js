// A host page's app built with Vue 3 (bundled by esbuild in web-test-runner.config.mjs), the twin of
// react-host.js: <ig-provider :api :token><ig-dashboard :layout/></ig-provider>, mounted synchronously
// with the settings in the page's URL fragment; the ig-* events through Vue's own listeners.
import { createApp, h, nextTick, reactive } from 'vue';

const settings = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const events = [];
const record = (e) => events.push({ type: e.type, tag: e.target.localName, detail: e.detail });
const state = reactive({ ...settings });

createApp({
  render: () =>
    h('ig-provider', { api: state.api, token: state.token, project: state.project, locale: 'es', onIgLoad: record, onIgError: record }, [
      h('ig-dashboard', { layout: state.layout, onIgLoad: record }),
    ]),
}).mount(document.getElementById('root'));

window.__host = {
  framework: 'vue',
  events,
  async update(next) {
    Object.assign(state, next);
    await nextTick();
  },
};
