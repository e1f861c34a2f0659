// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-print-hint]").forEach(function (hint) {
    hint.hidden = true;
  });
  // Phone header: the "Menu" and "Zoeken" links become buttons that open their panel in place
  // (without JavaScript they open it through the link's #target).
  document.querySelectorAll("[data-toggle]").forEach(function (toggle) {
    var panel = document.getElementById(toggle.getAttribute("data-toggle"));
    if (!panel) { return; }
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-controls", panel.id);
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); toggle.click(); }
    });
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = !panel.classList.contains("is-open");
      panel.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
      var field = panel.querySelector("input:not([type=hidden])");
      if (open && field) { field.focus(); }
    });
  });
  // On phones a list's filters fold away until asked for (unless a filter is chosen), so the
  // list itself is on the first screen.
  if (window.matchMedia("(max-width: 39.99rem)").matches) {
    document.querySelectorAll("details[data-fold-on-phones]:not([data-active])").forEach(function (box) {
      box.open = false;
    });
  }
  // Move focus to the error summary so screen-reader and keyboard users hear what to fix.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
