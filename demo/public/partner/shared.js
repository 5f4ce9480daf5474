// What the partner portal's pages share: the token handover (URL fragment → this tab's
// sessionStorage, like the CRM demo page), the token's claims, and the pages' own text in es/en/pt-BR.

export const TOKEN_KEY = 'ig-partner-token';

/** The claims of a JWT, unverified (the BFF verifies; the page only reads project ids and role), or null. */
export function claimsOf(token) {
  try {
    const part = String(token).split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(decodeURIComponent(escape(atob(part))));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/** The projects a token covers: `project_id` first, then `project_ids`, without repeats. */
export function projectsOf(claims) {
  const ids = [claims?.project_id, ...(Array.isArray(claims?.project_ids) ? claims.project_ids : [])];
  return [...new Set(ids.filter((id) => typeof id === 'string' && /^\d+$/.test(id)))];
}

/** The token of this tab: from `#token=…` (then removed from the address bar), else sessionStorage. */
export function takeToken(location = window.location, storage = window.sessionStorage) {
  const match = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
  if (match) {
    history.replaceState(null, '', location.pathname + location.search);
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  }
  return storage.getItem(TOKEN_KEY);
}

export const TEXT = {
  es: {
    title: 'Portal de partners',
    intro: 'Compón cuadros de mando con los elementos de indigitall Insights, guárdalos y compártelos con tu equipo.',
    project: 'Proyecto',
    language: 'Idioma',
    noToken: 'Abre esta página con un token de partner en el fragmento de la URL (#token=…), o pégalo aquí:',
    use: 'Usar',
    saved: 'Cuadros de mando guardados',
    editor: 'Editor',
    skip: 'Saltar al editor',
    openView: 'Abrir en su propia página',
    back: '← Portal de partners',
    dashboard: 'Cuadro de mando',
    role: (role) => `Rol: ${role}`,
    notDashboard: 'Este análisis no es un cuadro de mando.',
    missing: 'Falta el cuadro de mando (?analysis=…) o el token.',
    failed: (status) => `No se pudo abrir el cuadro de mando (HTTP ${status}).`,
  },
  en: {
    title: 'Partner portal',
    intro: 'Compose dashboards from indigitall Insights elements, save them and share them with your team.',
    project: 'Project',
    language: 'Language',
    noToken: 'Open this page with a partner token in the URL fragment (#token=…), or paste one here:',
    use: 'Use',
    saved: 'Saved dashboards',
    editor: 'Editor',
    skip: 'Skip to the editor',
    openView: 'Open on its own page',
    back: '← Partner portal',
    dashboard: 'Dashboard',
    role: (role) => `Role: ${role}`,
    notDashboard: 'This analysis is not a dashboard.',
    missing: 'The dashboard (?analysis=…) or the token is missing.',
    failed: (status) => `The dashboard could not be opened (HTTP ${status}).`,
  },
  'pt-BR': {
    title: 'Portal de parceiros',
    intro: 'Monte painéis com os elementos do indigitall Insights, salve-os e compartilhe-os com a sua equipe.',
    project: 'Projeto',
    language: 'Idioma',
    noToken: 'Abra esta página com um token de parceiro no fragmento da URL (#token=…), ou cole-o aqui:',
    use: 'Usar',
    saved: 'Painéis salvos',
    editor: 'Editor',
    skip: 'Pular para o editor',
    openView: 'Abrir em página própria',
    back: '← Portal de parceiros',
    dashboard: 'Painel',
    role: (role) => `Papel: ${role}`,
    notDashboard: 'Esta análise não é um painel.',
    missing: 'Falta o painel (?analysis=…) ou o token.',
    failed: (status) => `Não foi possível abrir o painel (HTTP ${status}).`,
  },
};

/** Sets the page's language: `lang`, the provider's `locale` and every `[data-text]` element's text. */
export function applyLocale(root, provider, locale) {
  const text = TEXT[locale] ?? TEXT.es;
  root.documentElement?.setAttribute('lang', locale);
  provider?.setAttribute('locale', locale);
  for (const node of root.querySelectorAll('[data-text]')) {
    const value = text[node.dataset.text];
    if (typeof value === 'string') node.textContent = value;
  }
  return text;
}
