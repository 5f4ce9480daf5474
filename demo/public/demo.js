// The demo host's own glue, standing in for what indigitall's CRM does: take the user's token (here
// from the URL fragment printed by `npm start`, which never reaches a server or a log), keep it for
// this tab, remove it from the address bar, and hand it to <ig-provider>. Then the CRM's pages: each
// sidebar entry (?page=…) shows the tags where the CRM would place them, and the assistant drawer
// (<ig-ai-chat>, under the same provider) is told the page's context: its own `channel` where the
// page is about one channel, else the provider's shared filters (channel, selected campaign, period).
(function () {
  var provider = document.getElementById('provider');
  var chat = document.getElementById('assistant-chat');
  var drawer = document.getElementById('assistant');
  var toggle = document.getElementById('assistant-toggle');
  var KEY = 'ig-demo-token';
  var token = null;

  // Each page: title, lead, the provider's filters on arrival, the assistant's own channel, the tags.
  var PAGES = {
    home: {
      title: 'Inicio',
      lead: 'Todos los canales del proyecto en los últimos 30 días.',
      tags: [['section', { 'class': 'crm-card' }, [['ig-channel-kpis', { channel: 'all' }]]]],
    },
    campaigns: {
      title: 'Campañas',
      lead: 'Elige una campaña para ver su detalle y preguntar al asistente por ella.',
      tags: [
        ['ig-filter-bar', { 'no-platform': '' }],
        ['section', { 'class': 'crm-card' }, [['ig-campaign-table', {}]]],
        ['section', { 'class': 'crm-card', 'aria-label': 'Detalle de la campaña' }, [['ig-campaign-detail', {}]]],
      ],
    },
    journeys: {
      title: 'Journeys',
      lead: 'El embudo de cada journey: cuántos usuarios entran en cada paso y cuántos lo completan.',
      tags: [['ig-filter-bar', { 'no-channel': '', 'no-platform': '' }], ['section', { 'class': 'crm-card' }, [['ig-journey-funnel', {}]]]],
    },
    audience: {
      title: 'Audiencia',
      lead: 'Dispositivos nuevos, activos y dados de baja.',
      tags: [['ig-filter-bar', { 'no-channel': '', 'no-platform': '' }], ['section', { 'class': 'crm-card' }, [['ig-device-stats', {}]]]],
    },
    chat: {
      title: 'Chat y agentes',
      lead: 'Mensajes de WhatsApp y chat, el bot y el rendimiento de los agentes.',
      channel: 'chat',
      tags: [
        ['ig-filter-bar', { 'no-channel': '', 'no-platform': '' }],
        ['section', { 'class': 'crm-card' }, [['ig-chat-stats', {}]]],
        ['section', { 'class': 'crm-card' }, [['ig-agent-performance', {}]]],
      ],
    },
    stats: {
      title: 'Estadísticas',
      lead: 'Últimos 30 días comparados con los 30 anteriores.',
      filters: { channel: 'push' },
      tags: [
        ['ig-filter-bar', {}],
        ['section', { 'class': 'crm-card' }, [['ig-channel-kpis', {}]]],
        ['section', { 'class': 'crm-card' }, [['ig-timeseries', { metric: 'sent', compare: '' }]]],
        [
          'div',
          { 'class': 'crm-grid' },
          [
            ['section', { 'class': 'crm-card' }, [['ig-channel-mix', {}]]],
            ['section', { 'class': 'crm-card' }, [['ig-heatmap', {}]]],
          ],
        ],
      ],
    },
    settings: {
      title: 'Configuración',
      lead: 'Estado de la sincronización de los datos de analítica.',
      tags: [['section', { 'class': 'crm-card' }, [['h2', {}, 'Datos de analítica'], ['ig-freshness', {}]]]],
    },
  };
  var CHANNEL_NAMES = { push: 'Push', inapp: 'In-app', sms: 'SMS', email: 'Email', chat: 'Chat', wallet: 'Wallet', all: 'todos los canales' };
  var PERIOD_NAMES = { last7: 'últimos 7 días', last30: 'últimos 30 días', last90: 'últimos 90 días', thisMonth: 'este mes', previousMonth: 'mes anterior' };

  function build(spec) {
    var el = document.createElement(spec[0]);
    var attrs = spec[1] || {};
    Object.keys(attrs).forEach(function (k) {
      el.setAttribute(k, attrs[k]);
    });
    var children = spec[2];
    if (typeof children === 'string') el.textContent = children;
    else if (children) children.forEach(function (c) {
      el.appendChild(build(c));
    });
    return el;
  }

  function currentPage() {
    var p = new URLSearchParams(location.search).get('page');
    return PAGES[p] ? p : 'stats';
  }

  function show(name, focus) {
    var page = PAGES[name];
    document.title = page.title + ' · indigitall';
    document.getElementById('breadcrumbs').textContent = name === 'home' ? 'Inicio' : 'Inicio › ' + page.title;
    document.getElementById('page-title').textContent = page.title;
    document.getElementById('page-lead').textContent = page.lead;
    document.querySelectorAll('.sidebar a').forEach(function (a) {
      if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    // A page starts from its own channel and no selected campaign; the period carries over.
    var filters = page.filters || {};
    provider.channel = filters.channel || null;
    provider.campaign = null;
    if (page.channel) chat.setAttribute('channel', page.channel);
    else chat.removeAttribute('channel');
    var container = document.getElementById('page');
    container.replaceChildren();
    page.tags.forEach(function (t) {
      container.appendChild(build(t));
    });
    describeContext();
    if (focus) document.getElementById('main').focus();
  }

  /** The drawer says what the assistant will take as context (what <ig-ai-chat> sends with a question). */
  function describeContext() {
    var page = PAGES[currentPage()];
    var channel = page.channel || provider.channel;
    var parts = ['Contexto: ' + page.title];
    parts.push('canal ' + (channel ? CHANNEL_NAMES[channel] || channel : 'todos'));
    if (provider.campaign) parts.push('campaña ' + provider.campaign);
    var period = provider.period || 'last30';
    parts.push(period === 'custom' ? provider.from + ' – ' + provider.to : PERIOD_NAMES[period] || period);
    document.getElementById('assistant-context').textContent = parts.join(' · ');
  }

  function claims(t) {
    try {
      var part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) {
      return null;
    }
  }

  function use(t) {
    var c = claims(t);
    if (!c) return false;
    token = t;
    sessionStorage.setItem(KEY, t);
    provider.token = t; // the property, so the token never shows in the DOM
    provider.setAttribute('project', String(c.project_id || (c.project_ids && c.project_ids[0]) || ''));
    var header = document.getElementById('project-name');
    header.textContent = 'Proyecto ' + provider.getAttribute('project');
    document.getElementById('no-token').hidden = true;
    document.getElementById('open-app').hidden = false;
    // The project's name, as the BFF knows it (the page is served by the BFF: same origin).
    fetch('/v1/meta?project=' + encodeURIComponent(provider.getAttribute('project')), { headers: { Authorization: 'Bearer ' + t } })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (meta) {
        if (meta && meta.name) header.textContent = meta.name;
      })
      .catch(function () {});
    return true;
  }

  var match = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
  if (match) history.replaceState(null, '', location.pathname + location.search);
  var initial = match ? decodeURIComponent(match[1]) : sessionStorage.getItem(KEY);
  if (!initial || !use(initial)) document.getElementById('no-token').hidden = false;
  show(currentPage(), false);

  document.getElementById('token-apply').addEventListener('click', function () {
    use(document.getElementById('token-input').value.trim());
  });

  document.querySelector('.sidebar').addEventListener('click', function (e) {
    var a = e.target.closest('a[data-page]');
    if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    show(a.dataset.page, true);
  });
  window.addEventListener('popstate', function () {
    show(currentPage(), false);
  });
  provider.addEventListener('ig-filter-change', describeContext);

  // The standalone analytics app: indigitall's CRM hands the token over once through /auth/exchange,
  // which sets the analytics session cookie and sends the browser on to /app/ (the token leaves the
  // address bar with that redirect).
  document.getElementById('open-app').addEventListener('click', function (e) {
    if (!token) return;
    e.preventDefault();
    location.assign('/auth/exchange?token=' + encodeURIComponent(token) + '&next=' + encodeURIComponent('/app/'));
  });

  function setDrawer(open) {
    drawer.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('drawer-open', open);
    if (open) {
      describeContext();
      var box = chat.shadowRoot && chat.shadowRoot.querySelector('textarea');
      (box || drawer).focus();
    } else toggle.focus();
  }
  toggle.addEventListener('click', function () {
    setDrawer(drawer.hidden);
  });
  document.getElementById('assistant-close').addEventListener('click', function () {
    setDrawer(false);
  });
  drawer.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') setDrawer(false);
  });

  document.querySelectorAll('[data-locale]').forEach(function (button) {
    button.addEventListener('click', function () {
      provider.setAttribute('locale', button.dataset.locale);
      document.documentElement.lang = button.dataset.locale;
      document.querySelectorAll('[data-locale]').forEach(function (b) {
        b.setAttribute('aria-pressed', String(b === button));
      });
    });
  });
})();
