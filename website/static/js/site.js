// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // The page's language (<html lang>): for numbers and the read-aloud voice.
  var pageLanguage = document.documentElement.lang || "nl";
  // The print button shows instead of the hint from the first paint (the CSS, early.js's class).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
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
  // A list's filters start folded (on phones the list comes first); on wider screens the CSS
  // shows them anyway (::details-content), and here the box is marked open to match, for
  // screen readers and browsers without that CSS. Nothing on the page moves.
  if (window.matchMedia("(min-width: 40rem)").matches) {
    document.querySelectorAll("details[data-fold-on-phones]").forEach(function (box) {
      box.open = true;
      // Its title is a title there: no tab stop, and no folding the fields stay visible for.
      var summary = box.querySelector("summary");
      summary.setAttribute("tabindex", "-1");
      summary.addEventListener("click", function (event) { event.preventDefault(); });
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
      var number = Math.abs(left).toLocaleString(pageLanguage);
      // The sentences come translated from the page (data-counter-* on <body>, base.html).
      var key = (left >= 0 ? "counter" : "counterOver") + (Math.abs(left) === 1 ? "One" : "Many");
      counter.textContent = (document.body.dataset[key] || "").replace("{n}", number);
      counter.classList.toggle("field__counter--over", left < 0);
    }
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 300); });
    update();
  });
  // Move focus to the error summary so screen-reader and keyboard users hear what to fix.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  // "Lees voor": the main text read aloud by the browser's own speech synthesis (Web Speech
  // API, a Dutch voice when there is one). Nothing leaves the browser. Without speech the
  // controls stay hidden.
  var reader = document.querySelector("[data-read-aloud]");
  if (reader && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
    var synth = window.speechSynthesis;
    var play = reader.querySelector("[data-read-aloud-play]");
    var stop = reader.querySelector("[data-read-aloud-stop]");
    // The button's words in the page's language (data-label-* from the template).
    var labels = {
      idle: reader.dataset.labelIdle,
      speaking: reader.dataset.labelSpeaking,
      paused: reader.dataset.labelPaused
    };
    var state = "idle";
    var setState = function (next) {
      state = next;
      play.textContent = labels[next];
      play.setAttribute("aria-pressed", String(next === "speaking"));
      stop.hidden = next === "idle";
      reader.setAttribute("data-state", next);
    };
    var readable = "h1, h2, h3, h4, p, li, blockquote, figcaption, dt, dd, td, th, address";
    var skip = ".page-tools, .read-aloud, nav, form, [aria-hidden=true], .breadcrumbs";
    // What a sighted reader sees as text: controls (buttons, links styled as buttons) and
    // words meant for screen readers only stay out. A line (<br>: an address) ends with a
    // pause ("\n", read as a comma), a block (a paragraph in a list item) as a sentence
    // (U+2029), so neither runs into the next.
    var unspoken = "button, .button, .visually-hidden, [hidden], [aria-hidden=true], svg, script, style, input, select, textarea";
    var seenText = function (el) {
      var text = "";
      el.childNodes.forEach(function (node) {
        if (node.nodeType === 3) { text += node.data; return; }
        if (node.nodeType !== 1 || node.matches(unspoken)) { return; }
        if (node.tagName === "BR") { text += "\n"; return; }
        var display = window.getComputedStyle(node).display;
        if (display === "none") { return; }
        var block = /^inline/.test(display) ? "" : "\u2029";
        text += block + seenText(node) + block;
      });
      return text;
    };
    var ended = /[.!?:,;…]$/;
    var mainText = function () {
      var parts = [];
      document.querySelectorAll("main " + readable.split(", ").join(", main ")).forEach(function (el) {
        if (el.closest(skip) || el.parentElement.closest(readable)) { return; }
        seenText(el).split("\u2029").forEach(function (block) {
          var lines = block.split("\n").map(function (line) {
            return line.replace(/\s+/g, " ").trim();
          }).filter(Boolean);
          var said = lines.map(function (line, index) {
            return index < lines.length - 1 && !ended.test(line) ? line + "," : line;
          }).join(" ");
          if (said) { parts.push(/[.!?:…]$/.test(said) ? said : said.replace(/[,;]$/, "") + "."); }
        });
      });
      return parts.join(" ");
    };
    // Chromium stops one long utterance after some seconds: speak a few sentences at a time.
    // A sentence ends at . ! or ? before a space, so "13.00–17.00 uur", "1.200" and "d.w.z."
    // stay whole (no lookbehind: older Safari cannot parse it, and would lose all of site.js).
    var chunks = function (text) {
      var out = [], current = "";
      text.replace(/([.!?]+)\s+/g, "$1\n").split("\n").forEach(function (sentence) {
        sentence += " ";
        if ((current + sentence).length > 220 && current) { out.push(current.trim()); current = ""; }
        current += sentence;
      });
      if (current.trim()) { out.push(current.trim()); }
      return out;
    };
    // A browser without a voice (or whose speech service is off) may say nothing and give
    // no event at all: if speech has not started after a few seconds, say so and reset.
    var message = reader.querySelector("[data-read-aloud-message]");
    var started = false;
    var cannotSpeak = function () {
      synth.cancel();
      setState("idle");
      message.hidden = false;
    };
    var speak = function () {
      synth.cancel();
      message.hidden = true;
      started = false;
      // A voice for the page's language (Dutch, or the language of a translated page).
      var language = pageLanguage.split("-")[0].toLowerCase();
      var voice = synth.getVoices().filter(function (v) { return v.lang.toLowerCase().indexOf(language) === 0; })[0];
      var parts = chunks(mainText());
      parts.forEach(function (part, index) {
        var utterance = new SpeechSynthesisUtterance(part);
        utterance.lang = pageLanguage;
        if (voice) { utterance.voice = voice; }
        utterance.addEventListener("start", function () { started = true; });
        utterance.addEventListener("error", function (event) {
          // "interrupted" and "canceled" are Stop and a new start, not failures.
          if (!/interrupted|canceled/.test(event.error) && state !== "idle") { cannotSpeak(); }
        });
        if (index === parts.length - 1) {
          utterance.addEventListener("end", function () { if (state === "speaking") { setState("idle"); } });
        }
        synth.speak(utterance);
      });
      setState("speaking");
      window.setTimeout(function () {
        if (!started && state === "speaking") { cannotSpeak(); }
      }, 4000);
    };
    reader.hidden = false;
    reader.readAloudText = mainText;  // what "Lees voor" reads (for tests and curious people)
    reader.readAloudParts = function () { return chunks(mainText()); };  // and in which pieces
    play.addEventListener("click", function () {
      if (state === "idle") { speak(); }
      else if (state === "speaking") { synth.pause(); setState("paused"); }
      else { synth.resume(); setState("speaking"); }
    });
    stop.addEventListener("click", function () {
      setState("idle");
      synth.cancel();
      play.focus();
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
  }
})();
