// The iframe fallback (/embed/): for hosts that cannot run our script. The host frames this page
// (only origins in EMBED_FRAME_ANCESTORS may: CSP frame-ancestors) and hands over the user's token,
// either in the URL fragment (#token=…, never sent to a server) or by postMessage once this page says
// `ig-ready`. The token is traded at once for the BFF's HttpOnly session cookie (POST /auth/session),
// so it stays in no URL, storage or DOM; the widgets then use the cookie (<ig-provider session>).
// The page reports its height to the parent (`ig-height`), bounded, so the host can size the frame.
//
// Parent → frame: { type: 'ig-token', token }            (answer to `ig-ready`, or any time to renew)
// Frame → parent: { type: 'ig-ready' } | { type: 'ig-height', height } | { type: 'ig-auth-error', status }
// Query: ?analysis=<id> shows a saved dashboard (GET /v1/analyses/:id); &locale=es|en|pt-BR; &project=ID;
// &period=last7|last30|…; &channel=push|sms|… (the provider's shared filters).

const MAX_HEIGHT = 4000;
const params = new URLSearchParams(location.search);
const root = document.getElementById('root');
const toParent = (message) => {
  if (window.parent !== window) window.parent.postMessage(message, '*'); // no secret ever goes up
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

async function startSession(token) {
  const res = await fetch('/auth/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!res.ok) {
    toParent({ type: 'ig-auth-error', status: res.status });
    note('No se pudo iniciar la sesión.', true);
    return false;
  }
  return true;
}

let shown = false;
async function show() {
  if (shown) return;
  shown = true;
  const provider = document.createElement('ig-provider');
  provider.setAttribute('session', '');
  for (const name of ['locale', 'project', 'period', 'channel']) if (params.get(name)) provider.setAttribute(name, params.get(name));
  provider.addEventListener('ig-auth-error', (e) => toParent({ type: 'ig-auth-error', status: e.detail.status }));
  const dashboard = document.createElement('ig-dashboard');
  let layout = DEFAULT_LAYOUT;
  const analysis = params.get('analysis');
  if (analysis && /^[0-9a-f-]{36}$/i.test(analysis)) {
    const q = params.get('project') ? `?project=${encodeURIComponent(params.get('project'))}` : '';
    const res = await fetch(`/v1/analyses/${analysis}${q}`, { credentials: 'same-origin' });
    if (res.ok) layout = (await res.json()).spec;
  }
  dashboard.layout = layout;
  provider.append(dashboard);
  root.replaceChildren(provider);
}

async function useToken(token) {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) return;
  if (await startSession(token)) await show();
}

// Height, bounded and only when it changes.
let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.min(MAX_HEIGHT, Math.ceil(document.documentElement.scrollHeight));
  if (height !== lastHeight) {
    lastHeight = height;
    toParent({ type: 'ig-height', height });
  }
}).observe(document.body);

window.addEventListener('message', (event) => {
  // Only the framing page: frame-ancestors already limits who that can be.
  if (event.source !== window.parent || !event.data || event.data.type !== 'ig-token') return;
  void useToken(event.data.token);
});

const fragment = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
if (fragment) {
  history.replaceState(null, '', location.pathname + location.search);
  void useToken(decodeURIComponent(fragment[1]));
} else if (window.parent !== window) {
  toParent({ type: 'ig-ready' });
} else {
  note('Esta página se abre dentro de un iframe que le entrega el token del usuario.', true);
}
