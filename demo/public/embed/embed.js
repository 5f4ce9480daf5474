// The iframe fallback (/embed/): for hosts that cannot run our script. The host frames this page
// (only origins in EMBED_FRAME_ANCESTORS may: CSP frame-ancestors) and hands over the user's token by
// postMessage once this page says `ig-ready`, or in the URL fragment (#token=…, never sent to a
// server). The token stays in this page's memory and goes to the BFF as a Bearer token, so the page
// works when the host is on another site and third-party cookies are blocked (no cookie is involved).
// When the BFF refuses the token (it expired), the page asks the parent for a new one
// (`ig-token-request`) and retries: a refresh never reloads the frame. Messages are accepted only from
// the parent window, and only from this origin or an origin of EMBED_FRAME_ANCESTORS
// (GET /embed/ancestors.json); any other is ignored. The page reports the height of its content to the
// parent (`ig-height`), bounded and debounced, as it grows and shrinks.
//
// Parent → frame: { type: 'ig-token', token }   (answer to `ig-ready` or `ig-token-request`, or any time to renew)
// Frame → parent: { type: 'ig-ready' } | { type: 'ig-token-request' } | { type: 'ig-height', height }
//                 | { type: 'ig-auth-error', status }
// Query: ?analysis=<id> shows a saved dashboard (GET /v1/analyses/:id); &locale=es|en|pt-BR; &project=ID;
// &period=last7|last30|…; &channel=push|sms|… (the provider's shared filters).

const MIN_HEIGHT = 50;
const MAX_HEIGHT = 4000;
const HEIGHT_DEBOUNCE_MS = 60;
const TOKEN_WAIT_MS = 15000;
const params = new URLSearchParams(location.search);
const root = document.getElementById('root');
const framed = window.parent !== window;
const toParent = (message) => {
  if (framed) window.parent.postMessage(message, '*'); // no secret ever goes up
};

const DEFAULT_LAYOUT = {
  rows: [
    { cells: [{ element: 'ig-filter-bar', span: 12 }] },
    { cells: [{ element: 'ig-channel-kpis', span: 12 }] },
    { cells: [{ element: 'ig-timeseries', span: 12, attributes: { metric: 'sent' } }] },
    { cells: [{ element: 'ig-campaign-table', span: 12 }] },
  ],
};

function note(text, error) {
  const p = document.createElement('p');
  p.className = 'note';
  if (error) p.dataset.error = '';
  p.textContent = text;
  root.replaceChildren(p);
}

// --- the token: in memory only; new ones come from the parent ---------------------------------------
let token = null;
let provider = null;
/** Resolvers of pending token requests (the provider's tokenProvider after a 401). */
let waiting = [];

const validToken = (t) => typeof t === 'string' && t.length > 0 && t.length <= 8192;

function receiveToken(next) {
  if (!validToken(next)) return;
  const changed = next !== token;
  const asked = waiting.length > 0;
  token = next;
  for (const resolve of waiting) resolve(next);
  waiting = [];
  if (!provider) void show();
  // Asked for: the provider retries with it. Unasked (the host renews ahead of expiry): the widgets
  // refetch with it; the frame never reloads.
  else if (changed && !asked) provider.token = next;
}

/** Asks the parent for a new token (after the BFF refused the current one); null if none comes. */
function requestToken() {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting = waiting.filter((r) => r !== done);
      resolve(null);
    }, TOKEN_WAIT_MS);
    const done = (t) => {
      clearTimeout(timer);
      resolve(t);
    };
    waiting.push(done);
    toParent({ type: 'ig-token-request' });
  });
}

async function show() {
  const p = document.createElement('ig-provider');
  provider = p;
  for (const name of ['locale', 'project', 'period', 'channel']) if (params.get(name)) p.setAttribute(name, params.get(name));
  p.token = token;
  p.tokenProvider = requestToken;
  p.addEventListener('ig-auth-error', (e) => toParent({ type: 'ig-auth-error', status: e.detail.status }));
  const dashboard = document.createElement('ig-dashboard');
  let layout = DEFAULT_LAYOUT;
  const analysis = params.get('analysis');
  if (analysis && /^[0-9a-f-]{36}$/i.test(analysis)) {
    const q = params.get('project') ? `?project=${encodeURIComponent(params.get('project'))}` : '';
    const res = await fetch(`/v1/analyses/${analysis}${q}`, { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit' });
    if (res.ok) layout = (await res.json()).spec;
    else if (res.status === 401) toParent({ type: 'ig-auth-error', status: 401 });
  }
  dashboard.layout = layout;
  p.append(dashboard);
  root.replaceChildren(p);
}

// --- height: the content's, not the document's (which never shrinks below the frame's height) -------
let lastHeight = 0;
let heightTimer = 0;
function reportHeight() {
  heightTimer = 0;
  const style = getComputedStyle(document.body);
  const margins = parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(root.getBoundingClientRect().height + margins)));
  if (height !== lastHeight) {
    lastHeight = height;
    toParent({ type: 'ig-height', height });
  }
}
new ResizeObserver(() => {
  clearTimeout(heightTimer);
  heightTimer = setTimeout(reportHeight, HEIGHT_DEBOUNCE_MS);
}).observe(root);

// --- messages: from the parent window, from an allowed origin -----------------------------------------
async function allowedOrigins() {
  try {
    const res = await fetch('/embed/ancestors.json', { credentials: 'omit' });
    const body = res.ok ? await res.json() : { ancestors: [] };
    return new Set([location.origin, ...(Array.isArray(body.ancestors) ? body.ancestors : [])]);
  } catch {
    return new Set([location.origin]);
  }
}

async function start() {
  const fragment = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
  if (fragment) history.replaceState(null, '', location.pathname + location.search);
  const allowed = await allowedOrigins();
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !allowed.has(event.origin)) return;
    if (event.data && event.data.type === 'ig-token') receiveToken(event.data.token);
  });
  if (fragment) receiveToken(decodeURIComponent(fragment[1]));
  else if (framed) toParent({ type: 'ig-ready' });
  else note('Esta página se abre dentro de un iframe que le entrega el token del usuario.', true);
}

void start();
