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
      closeHeaderPanels();
      panel.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
      var field = panel.querySelector("input:not([type=hidden])");
      if (open && field) { field.focus(); }
    });
  });
  function closeHeaderPanels() {
    document.querySelectorAll("[data-toggle]").forEach(function (other) {
      var panel = document.getElementById(other.getAttribute("data-toggle"));
      if (panel) { panel.classList.remove("is-open"); }
      other.setAttribute("aria-expanded", "false");
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("[data-toggle][aria-expanded=true]");
    if (open) { closeHeaderPanels(); open.focus(); }
  });
  // On phones a list's filters fold away until asked for (unless a filter is chosen), so the
  // list itself is on the first screen.
  if (window.matchMedia("(max-width: 39.99rem)").matches) {
    document.querySelectorAll("details[data-fold-on-phones]:not([data-active])").forEach(function (box) {
      box.open = false;
    });
  }
  // Text boxes with a limit count down as people type (the server checks too; the browser does
  // not cut off pasted text). Counted in characters, a line break as one, as the server does.
  document.querySelectorAll("textarea[data-max-length]").forEach(function (box) {
    var limit = parseInt(box.getAttribute("data-max-length"), 10);
    var counter = document.createElement("p");
    counter.className = "field__counter";
    counter.id = box.id + "_counter";
    counter.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", counter);
    var describedBy = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    var timer;
    function update() {
      var left = limit - Array.from(box.value.replace(/\r\n/g, "\n")).length;
      var number = Math.abs(left).toLocaleString("nl-NL");
      counter.textContent = left >= 0 ? "Nog " + number + (left === 1 ? " teken" : " tekens") + " over."
        : number + (left === -1 ? " teken" : " tekens") + " te veel. Maak je tekst korter.";
      counter.classList.toggle("field__counter--over", left < 0);
    }
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 300); });
    update();
  });
  // Move focus to the error summary so screen-reader and keyboard users hear what to fix.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
