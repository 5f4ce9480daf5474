// The partner portal (/partner/): a partner token covering several projects (`project_ids`), a project
// switcher, the saved dashboards of the chosen project (<ig-saved-analyses>) and the dashboard editor
// (<ig-dashboard-editor>). Built only from the library's public tags, properties and events, with DOM
// APIs (no markup strings, no inline scripts or styles). `startPortal` is exported for the tests.
import { applyLocale, claimsOf, projectsOf, takeToken } from './shared.js';

/**
 * Wires the portal in `root` (a document): token → provider, projects → switcher (names from
 * GET /v1/meta), list ↔ editor. Returns the project ids, or null when the token is unreadable.
 */
export function startPortal({ root = document, token, api = '' }) {
  const $ = (id) => root.getElementById(id);
  const provider = $('provider');
  const editor = $('editor');
  const select = $('project');
  const link = $('view-link');
  const claims = claimsOf(token);
  const projects = projectsOf(claims);
  if (!claims || projects.length === 0) {
    $('no-token').hidden = false;
    return null;
  }
  $('no-token').hidden = true;
  let text = applyLocale(root, provider, $('locale').value);
  $('role').textContent = text.role(claims.role ?? 'viewer');
  if (api) provider.setAttribute('api', api);
  provider.token = token; // the property: the token never shows in the DOM

  select.replaceChildren(...projects.map((id) => Object.assign(root.createElement('option'), { value: id, textContent: id })));
  for (const id of projects) {
    fetch(`${api}/v1/meta?project=${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? r.json() : null))
      .then((meta) => {
        const option = [...select.options].find((o) => o.value === id);
        if (meta?.name && option) option.textContent = `${meta.name} (${id})`;
      })
      .catch(() => {});
  }

  const showLink = (id) => {
    link.hidden = !id;
    if (id) link.href = `view.html?project=${encodeURIComponent(select.value)}&analysis=${encodeURIComponent(id)}`;
  };
  /** A fresh list (it reads the project's analyses again). */
  const refreshList = () => $('saved-slot').replaceChildren(root.createElement('ig-saved-analyses'));
  // The editor is a lazy chunk of the CDN bundle: its methods exist once it is defined.
  const withEditor = (fn) => customElements.whenDefined('ig-dashboard-editor').then(() => fn(editor));
  const useProject = (id) => {
    provider.setAttribute('project', id);
    void withEditor((e) => e.clear());
    showLink(undefined);
  };
  useProject(projects[0]);
  select.addEventListener('change', () => {
    useProject(select.value);
    refreshList();
  });
  $('locale').addEventListener('change', (e) => {
    text = applyLocale(root, provider, e.target.value);
    $('role').textContent = text.role(claims.role ?? 'viewer');
  });
  provider.addEventListener('ig-analysis-open', (e) => {
    const { analysis } = e.detail;
    if (analysis.kind !== 'dashboard') return;
    void withEditor((e) => {
      e.open(analysis);
      showLink(analysis.id);
      $('editor-title').focus();
    });
  });
  editor.addEventListener('ig-analysis-save', (e) => {
    showLink(e.detail.id);
    refreshList();
  });
  return projects;
}

if (document.body?.hasAttribute('data-partner-portal')) {
  const token = takeToken();
  if (!token || !startPortal({ token })) document.getElementById('no-token').hidden = false;
  document.getElementById('token-apply').addEventListener('click', () => {
    const pasted = document.getElementById('token-input').value.trim();
    sessionStorage.setItem('ig-partner-token', pasted);
    startPortal({ token: pasted });
  });
}
