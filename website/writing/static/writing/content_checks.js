/* The project's own content check for Wagtail's content checker (writing/checker.py):
   a link whose text says nothing on its own. Loaded right after Wagtail's userbar.js and
   registered before the checker starts (on the window's load event). */
(function () {
  'use strict';
  var userbar = window.wagtail && window.wagtail.userbar;
  if (!userbar || typeof userbar.registerCheck !== 'function') return;

  function linkText(node) {
    return (node.textContent || '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/[\s.:!…»›→]+$/u, '');
  }

  // true = fine. A link with a name of its own (aria-label) is fine.
  userbar.registerCheck('check-link-text', function (node, options) {
    if ((node.getAttribute('aria-label') || '').trim()) return true;
    return options.vague.indexOf(linkText(node)) === -1;
  });
})();
