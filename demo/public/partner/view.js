// A saved dashboard on a page of its own (/partner/view.html?project=…&analysis=…): GET
// /v1/analyses/:id, then its spec goes to <ig-dashboard>'s `layout` as is (the layout contract is
// data, so any page renders it). `showSavedDashboard` is exported for the tests.
import { applyLocale, claimsOf, projectsOf, takeToken } from './shared.js';

/** Loads analysis `id` of `project` and shows it in `dashboard`; resolves to the analysis. Throws with `status` on a refusal. */
export async function showSavedDashboard({ dashboard, api = '', token, project, id }) {
  const url = `${api}/v1/analyses/${encodeURIComponent(id)}?project=${encodeURIComponent(project)}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
  const analysis = await response.json();
  if (analysis.kind !== 'dashboard') throw Object.assign(new Error('not a dashboard'), { status: 0 });
  dashboard.layout = analysis.spec;
  return analysis;
}

if (document.body?.hasAttribute('data-partner-view')) {
  const params = new URLSearchParams(location.search);
  const provider = document.getElementById('provider');
  const locale = ['es', 'en', 'pt-BR'].includes(params.get('locale')) ? params.get('locale') : 'es';
  const text = applyLocale(document, provider, locale);
  const problem = document.getElementById('problem');
  const token = takeToken();
  const project = params.get('project') ?? projectsOf(claimsOf(token))[0];
  const id = params.get('analysis');
  if (!token || !project || !id) {
    problem.textContent = text.missing;
    problem.hidden = false;
  } else {
    provider.token = token;
    provider.setAttribute('project', project);
    showSavedDashboard({ dashboard: document.getElementById('dashboard'), token, project, id })
      .then((analysis) => {
        document.getElementById('title').textContent = analysis.name;
        document.title = `${analysis.name} · indigitall Insights`;
      })
      .catch((err) => {
        problem.textContent = err.status ? text.failed(err.status) : text.notDashboard;
        problem.hidden = false;
      });
  }
}
