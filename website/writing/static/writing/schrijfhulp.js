/* Schrijfhulp in the page editor's Checks panel ("Controles"). When Wagtail has taken the
   main content from the preview (the event w-preview:content), its markup is posted to the
   schrijfhulp (writing/views.py) and its advice shown under Wagtail's own metrics. The
   text is not stored. */
(function () {
  'use strict';
  var script = document.currentScript;
  var url = script && script.dataset.schrijfhulpUrl;
  if (!url) return;
  var latest = 0;

  function section() {
    var existing = document.getElementById('schrijfhulp');
    if (existing) return existing;
    var issues = document.querySelector('[data-checks-panel]');
    if (!issues) return null;
    var container = issues.closest('.w-divide-y') || issues.parentElement;
    var element = document.createElement('section');
    element.id = 'schrijfhulp';
    element.className = 'schrijfhulp';
    element.setAttribute('aria-live', 'polite');
    element.setAttribute('aria-busy', 'true');
    container.appendChild(element);
    return element;
  }

  document.addEventListener('w-preview:content', function (event) {
    var content = event.detail && event.detail.content;
    var target = section();
    if (!content || !target) return;
    var request = ++latest;
    var body = new FormData();
    // The markup, so the schrijfhulp can leave out menus, buttons and share links.
    body.append('html', content.innerHTML || '');
    target.setAttribute('aria-busy', 'true');
    fetch(url, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'X-CSRFToken': (window.wagtailConfig || {}).CSRF_TOKEN || '' },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (request !== latest) return;
        target.innerHTML = html;
      })
      .catch(function () {
        if (request !== latest) return;
        target.textContent = 'De schrijfhulp kon de tekst nu niet bekijken. Probeer het later opnieuw.';
      })
      .finally(function () {
        target.setAttribute('aria-busy', 'false');
      });
  });
})();
