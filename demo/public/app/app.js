// The analytics app (/app/): the standalone mode on the analytics subdomain. Built only from the
// library's public tags, attributes, properties and events (dist/cdn/ig-widgets.js), as any partner
// would build it, plus three BFF endpoints a page may call: GET /auth/me (what the session covers),
// GET /v1/meta (project names), GET /v1/analyses/:id (a shared link to an analysis), and
// POST /auth/logout.
//
// The URL is the state: /app/<section>?project&period&from&to&channel&platform&campaign&journey&analysis.
// A user's change (the filter bar, a campaign row, a section link, the project switcher) pushes a
// history entry; back/forward and a reload re-apply the URL to <ig-provider> (properties set from
// code fire no event, so there is no loop). The locale and theme are preferences (localStorage).
import { LOCALES, TEXTS } from './i18n.js';

const SECTIONS = ['overview', 'push', 'inapp', 'sms', 'email', 'chat', 'campaigns', 'journeys', 'audience', 'wallet', 'analyses', 'reports', 'assistant'];
const FILTER_KEYS = ['period', 'from', 'to', 'channel', 'platform', 'campaign'];
const URL_KEYS = ['project', ...FILTER_KEYS, 'journey', 'analysis'];
const PREF_LOCALE = 'ig-app:locale';
const PREF_THEME = 'ig-app:theme';
const SESSION_UNTIL = 'ig-app:session-until';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const $ = (id) => document.getElementById(id);
const provider = $('provider');

let me = null; // GET /auth/me
let names = {}; // project id -> name (GET /v1/meta)
let state = parseUrl(location);
let rendered = null; // the section key the page shows: section + what rebuilds it
let expiryTimer;

// ---------- helpers ----------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'props') Object.assign(el, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

function locale() {
  const saved = localStorage.getItem(PREF_LOCALE);
  if (LOCALES.includes(saved)) return saved;
  const claim = me?.locale && LOCALES.find((l) => l.toLowerCase() === me.locale.toLowerCase() || l.split('-')[0] === me.locale.split('-')[0]);
  return claim || 'es';
}
const t = () => TEXTS[locale()];

function theme() {
  const saved = localStorage.getItem(PREF_THEME);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

// ---------- the URL is the state ----------

function parseUrl(loc) {
  const m = /^\/app\/?([^/]*)/.exec(loc.pathname);
  const section = m && SECTIONS.includes(m[1]) ? m[1] : 'overview';
  const q = new URLSearchParams(loc.search);
  const s = { section };
  for (const k of URL_KEYS) s[k] = q.get(k) || null;
  if (s.analysis && !UUID.test(s.analysis)) s.analysis = null;
  return s;
}

function urlOf(s) {
  const q = new URLSearchParams();
  for (const k of URL_KEYS) {
    const v = s[k];
    if (v === null || v === undefined || v === '') continue;
    if (k === 'period' && v === 'last30') continue; // the default
    q.set(k, v);
  }
  const qs = q.toString();
  return `/app/${s.section === 'overview' ? '' : s.section}${qs ? `?${qs}` : ''}`;
}

/** Moves to a new state as a user's action: one history entry, then the page follows. */
function go(patch, { replace = false } = {}) {
  const next = { ...state, ...patch };
  const url = urlOf(next);
  if (url !== location.pathname + location.search) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  state = next;
  apply();
}

window.addEventListener('popstate', () => {
  state = parseUrl(location);
  if (me) apply();
});

// ---------- session ----------

async function boot() {
  document.documentElement.lang = locale();
  applyTheme();
  let res;
  try {
    res = await fetch('/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    return gate('error');
  }
  if (res.status === 401) {
    const problem = await res.json().catch(() => ({}));
    const until = Date.parse(localStorage.getItem(SESSION_UNTIL) ?? '');
    const expired = /expired/i.test(problem.detail ?? '') || (Number.isFinite(until) && until <= Date.now() + 1000);
    return gate(expired ? 'expired' : 'signedOut');
  }
  if (!res.ok) return gate('error');
  me = await res.json();
  if (!me.projects?.length) return gate('signedOut');
  if (me.expiresAt) {
    localStorage.setItem(SESSION_UNTIL, me.expiresAt);
    // The BFF accepts a session a little past its end (clock tolerance); the app ends it on time.
    if (Date.parse(me.expiresAt) <= Date.now()) return gate('expired');
    clearTimeout(expiryTimer);
    // Real time (token expiry), not the business clock. setTimeout holds at most ~24.8 days.
    const ms = Math.min(Date.parse(me.expiresAt) - Date.now(), 2 ** 31 - 1);
    expiryTimer = setTimeout(() => gate('expired'), Math.max(0, ms));
  }
  if (!state.project || !me.projects.includes(state.project)) state.project = me.projects[0];
  history.replaceState(null, '', urlOf(state));
  await loadNames();
  if (me) showShell(); // unless the session ended meanwhile
}

async function loadNames() {
  const entries = await Promise.all(
    me.projects.map(async (id) => {
      try {
        const r = await fetch(`/v1/meta?project=${encodeURIComponent(id)}`, { credentials: 'same-origin' });
        return [id, r.ok ? (await r.json()).name : null];
      } catch {
        return [id, null];
      }
    }),
  );
  names = Object.fromEntries(entries);
}

function gate(kind) {
  clearTimeout(expiryTimer);
  me = null; // back/forward no longer re-applies views; signing in again reloads the page
  const tx = t();
  $('booting').hidden = true;
  $('shell').hidden = true;
  provider.replaceChildren(); // no widget keeps asking with a dead session
  const g = $('gate');
  g.hidden = false;
  g.dataset.state = kind;
  const title = { signedOut: tx.signedOutTitle, expired: tx.expiredTitle, error: tx.errorTitle, loggedOut: tx.signedOutDone }[kind];
  $('gate-title').textContent = title;
  $('gate-body').textContent = kind === 'expired' ? tx.expiredBody : kind === 'error' ? tx.errorBody : tx.signedOutBody;
  $('gate-hint').textContent = kind === 'error' ? '' : tx.devHint;
  $('gate-hint').hidden = kind === 'error';
  const back = $('gate-return');
  back.textContent = tx.backToIndigitall;
  back.href = document.querySelector('meta[name="ig-return-url"]')?.content || '/';
  $('gate-retry').textContent = tx.retry;
  document.title = `${title} · indigitall`;
  g.focus();
}

$('gate-retry').addEventListener('click', () => location.reload());

async function signOut() {
  try {
    await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } finally {
    localStorage.removeItem(SESSION_UNTIL);
    gate('loggedOut');
  }
}

// ---------- the shell ----------

let shellBuilt = false;
function showShell() {
  $('booting').hidden = true;
  $('gate').hidden = true;
  $('shell').hidden = false;
  if (!shellBuilt) {
    shellBuilt = true;
    // Document-level listeners: the provider's content is replaced on a gate and rebuilt after.
    provider.addEventListener('ig-filter-change', (e) => {
      const f = e.detail.filters;
      const patch = {};
      for (const k of FILTER_KEYS) patch[k] = f[k] ?? null;
      go(patch);
    });
    provider.addEventListener('ig-auth-error', () => void recheck());
    provider.addEventListener('ig-analysis-open', (e) => {
      const a = e.detail.analysis;
      openedAnalysis = a;
      go({ analysis: a.id });
    });
    $('project-select').addEventListener('change', (e) => go({ project: e.target.value, campaign: null, journey: null, analysis: null }));
    $('locale-select').addEventListener('change', (e) => {
      localStorage.setItem(PREF_LOCALE, e.target.value);
      rendered = null;
      apply();
    });
    $('theme-button').addEventListener('click', () => {
      localStorage.setItem(PREF_THEME, theme() === 'dark' ? 'light' : 'dark');
      applyTheme();
    });
    $('signout-button').addEventListener('click', () => void signOut());
    $('menu-button').addEventListener('click', () => toggleMenu());
    $('nav').addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && $('menu-button').getAttribute('aria-expanded') === 'true') {
        toggleMenu(false);
        $('menu-button').focus();
      }
    });
    $('nav-list').addEventListener('click', (e) => {
      const a = e.target.closest('a[data-section]');
      if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      toggleMenu(false);
      // A section keeps the period, platform and project; a campaign or analysis belongs to its own section.
      go({ section: a.dataset.section, campaign: null, analysis: null, journey: null });
    });
    $('brand').addEventListener('click', (e) => {
      e.preventDefault();
      go({ section: 'overview', campaign: null, analysis: null, journey: null });
    });
  }
  rendered = null;
  apply();
}

function toggleMenu(open = $('menu-button').getAttribute('aria-expanded') !== 'true') {
  $('menu-button').setAttribute('aria-expanded', String(open));
  $('nav').classList.toggle('open', open);
}

async function recheck() {
  const r = await fetch('/auth/me', { credentials: 'same-origin' }).catch(() => null);
  if (r && r.status === 401) {
    const problem = await r.json().catch(() => ({}));
    const until = Date.parse(localStorage.getItem(SESSION_UNTIL) ?? '');
    gate(/expired/i.test(problem.detail ?? '') || (Number.isFinite(until) && until <= Date.now() + 1000) ? 'expired' : 'signedOut');
  }
}

function applyTheme() {
  const th = theme();
  document.documentElement.dataset.theme = th;
  provider.setAttribute('theme', th);
  const b = $('theme-button');
  b.setAttribute('aria-pressed', String(th === 'dark'));
  b.textContent = TEXTS[locale()].darkTheme; // a constant name; aria-pressed says whether it is on
}

function paintChrome() {
  const tx = t();
  const loc = locale();
  document.documentElement.lang = loc;
  provider.setAttribute('locale', loc);
  $('skip').textContent = tx.skip;
  $('brand-name').textContent = tx.appName;
  $('menu-button').textContent = tx.menu;
  $('nav-title').textContent = tx.nav;
  $('locale-label').textContent = tx.language;
  $('locale-select').value = loc;
  $('signout-button').textContent = tx.signOut;
  $('project-label').textContent = tx.project;
  applyTheme();

  const select = $('project-select');
  const several = me.projects.length > 1;
  select.hidden = !several;
  $('project-label').hidden = !several;
  $('project-name').hidden = several;
  if (several) {
    select.replaceChildren(...me.projects.map((id) => h('option', { value: id }, names[id] ? `${names[id]} (${id})` : id)));
    select.value = state.project;
  } else {
    $('project-name').textContent = names[state.project] ?? state.project;
  }

  const list = $('nav-list');
  list.replaceChildren(
    ...SECTIONS.map((s) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: urlOf({ ...state, section: s, campaign: null, analysis: null, journey: null }), 'data-section': s, 'aria-current': s === state.section ? 'page' : null },
          tx.sections[s],
        ),
      ),
    ),
  );
}

/** Makes the page show `state`: the provider's connection and filters, the chrome, the section. */
function apply() {
  if (!me) return;
  if (!me.projects.includes(state.project)) state.project = me.projects[0];
  provider.setAttribute('project', state.project);
  // Properties from code: the widgets follow, and no ig-filter-change fires.
  const period = ['last7', 'last30', 'last90', 'thisMonth', 'previousMonth', 'custom'].includes(state.period) ? state.period : 'last30';
  Object.assign(provider, {
    period,
    from: period === 'custom' ? state.from : null,
    to: period === 'custom' ? state.to : null,
    channel: state.channel,
    platform: state.platform,
    campaign: state.campaign,
  });
  paintChrome();
  const key = JSON.stringify([state.section, state.project, state.analysis, locale(), state.section === 'journeys' ? state.journey : null]);
  if (key !== rendered) {
    const first = rendered === null;
    rendered = key;
    renderSection();
    if (!first) $('section-title').focus();
  }
  const tx = t();
  const projectName = names[state.project] ?? state.project;
  document.title = `${tx.sections[state.section]} · ${tx.appName} · ${projectName}`;
  $('announce').textContent = `${tx.current}: ${tx.sections[state.section]}`;
}

// ---------- sections ----------

let openedAnalysis = null;

const filterBar = (attrs = {}) => h('ig-filter-bar', attrs);
const card = (...children) => h('section', { class: 'card' }, ...children);
const grid = (...children) => h('div', { class: 'grid' }, ...children);

function channelPage(channel, extra = []) {
  return [
    h('div', { class: 'toolbar' }, filterBar({ 'no-channel': true }), h('ig-freshness')),
    card(h('ig-channel-kpis', { channel })),
    card(h('ig-timeseries', { channel, compare: true })),
    ...extra,
  ];
}

function renderSection() {
  const tx = t();
  const s = state.section;
  $('section-title').textContent = tx.sections[s];
  $('section-lead').textContent = tx.leads[s];
  $('section').dataset.section = s;
  let content;
  switch (s) {
    case 'overview':
      content = [
        h('div', { class: 'toolbar' }, filterBar(), h('ig-freshness')),
        card(h('ig-channel-kpis')),
        grid(card(h('ig-channel-mix')), card(h('ig-timeseries', { metric: 'sent' }))),
        card(h('ig-insights')),
      ];
      break;
    case 'push':
      content = channelPage('push', [card(h('ig-heatmap'))]);
      break;
    case 'inapp':
    case 'sms':
    case 'email':
      content = channelPage(s);
      break;
    case 'chat':
      content = [
        h('div', { class: 'toolbar' }, filterBar({ 'no-channel': true, 'no-platform': true }), h('ig-freshness', { groups: 'chat,agents' })),
        card(h('ig-channel-kpis', { channel: 'chat' })),
        card(h('ig-chat-stats')),
        card(h('ig-agent-performance')),
      ];
      break;
    case 'campaigns':
      content = [
        h('div', { class: 'toolbar' }, filterBar({ 'no-platform': true }), h('ig-freshness', { groups: 'campaigns' })),
        card(h('ig-campaign-table')),
        card(h('h2', { class: 'card-title' }, tx.detail), h('ig-campaign-detail')),
      ];
      break;
    case 'journeys': {
      const funnel = h('ig-journey-funnel', { journey: state.journey });
      // The funnel reflects the journey picked in it: keep it in the URL.
      new MutationObserver(() => {
        const j = funnel.getAttribute('journey');
        if (!j || j === state.journey || state.section !== 'journeys') return;
        // The funnel's own default (the first journey) replaces the entry; a user's pick adds one.
        const replace = !state.journey;
        rendered = JSON.stringify([state.section, state.project, state.analysis, locale(), j]);
        go({ journey: j }, { replace });
      }).observe(funnel, { attributes: true, attributeFilter: ['journey'] });
      content = [h('div', { class: 'toolbar' }, filterBar({ 'no-channel': true, 'no-platform': true })), card(funnel)];
      break;
    }
    case 'audience':
      content = [h('div', { class: 'toolbar' }, filterBar({ 'no-channel': true, 'no-platform': true }), h('ig-freshness', { groups: 'devices' })), card(h('ig-device-stats'))];
      break;
    case 'wallet':
      content = [
        h('div', { class: 'toolbar' }, filterBar({ 'no-channel': true, 'no-platform': true })),
        card(h('ig-channel-kpis', { channel: 'wallet' })),
        card(h('ig-wallet-stats')),
      ];
      break;
    case 'analyses':
      content = state.analysis ? analysisView(state.analysis) : [card(h('ig-saved-analyses'))];
      break;
    case 'reports':
      content = [card(h('ig-subscriptions')), card(h('ig-alerts'))];
      break;
    case 'assistant':
      content = [h('div', { class: 'toolbar' }, filterBar({ 'no-platform': true })), h('ig-ai-chat', { class: 'assistant' })];
      break;
  }
  $('section').replaceChildren(...content);
}

function analysisView(id) {
  const tx = t();
  const box = h('div', { class: 'analysis' }, h('p', { role: 'status' }, tx.loading));
  const back = h('a', { class: 'back', href: urlOf({ ...state, analysis: null }), onclick: (e) => (e.preventDefault(), go({ analysis: null })) }, `← ${tx.backToList}`);
  const show = (a) => {
    const title = h('h2', { class: 'card-title' }, a.name);
    const dash = h('ig-dashboard', { 'heading-level': 3 });
    if (a.kind === 'dashboard') dash.layout = a.spec;
    else if (a.kind === 'widget') dash.layout = { rows: [{ cells: [{ element: a.spec.element, attributes: a.spec.attributes, span: 12 }] }] };
    else {
      // A saved chat answer: the question, the answer's text and the widgets it showed.
      dash.layout = { rows: (a.spec.widgets ?? []).map((w) => ({ cells: [{ element: w.element, attributes: w.attributes, span: 12 }] })) };
      box.replaceChildren(
        title,
        h('p', { class: 'question' }, a.spec.question),
        h('p', { class: 'answer' }, a.spec.answer),
        dash,
      );
      return;
    }
    box.replaceChildren(title, a.description ? h('p', { class: 'lead' }, a.description) : '', dash);
  };
  if (openedAnalysis?.id === id && openedAnalysis.spec) show(openedAnalysis);
  else {
    fetch(`/v1/analyses/${encodeURIComponent(id)}?project=${encodeURIComponent(state.project)}`, { credentials: 'same-origin' })
      .then(async (r) => {
        if (state.analysis !== id) return;
        if (r.status === 401) return void recheck();
        if (!r.ok) return void box.replaceChildren(h('p', { class: 'notice', role: 'alert' }, tx.analysisNotFound));
        openedAnalysis = await r.json();
        show(openedAnalysis);
      })
      .catch(() => box.replaceChildren(h('p', { class: 'notice', role: 'alert' }, tx.errorBody)));
  }
  return [back, card(box)];
}

void boot();
