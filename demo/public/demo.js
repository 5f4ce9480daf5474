// The demo host's own glue, standing in for what indigitall's CRM does server-side: take the user's
// token (here from the URL fragment printed by `npm start`, which never reaches a server or a log),
// keep it for this tab, remove it from the address bar, and hand it to <ig-provider>.
(function () {
  var provider = document.getElementById('provider');
  var KEY = 'ig-demo-token';

  function claims(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) {
      return null;
    }
  }

  function use(token) {
    var c = claims(token);
    if (!c) return false;
    sessionStorage.setItem(KEY, token);
    provider.token = token; // the property, so the token never shows in the DOM
    provider.setAttribute('project', String(c.project_id || ''));
    var header = document.getElementById('project-name');
    header.textContent = 'Proyecto ' + c.project_id;
    document.getElementById('no-token').hidden = true;
    // The project's name, as the BFF knows it (the page is served by the BFF: same origin).
    fetch('/v1/meta', { headers: { Authorization: 'Bearer ' + token } })
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
  var token = match ? decodeURIComponent(match[1]) : sessionStorage.getItem(KEY);
  if (!token || !use(token)) document.getElementById('no-token').hidden = false;

  document.getElementById('token-apply').addEventListener('click', function () {
    use(document.getElementById('token-input').value.trim());
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
