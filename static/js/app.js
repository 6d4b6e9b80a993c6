// Consult: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  var announcer = function () { return document.getElementById("announcer"); };

  // After htmx swaps the main region, move focus to the error summary or the new heading.
  function focusMain() {
    var main = document.getElementById("main");
    if (!main) return;
    var target = main.querySelector(".error-summary") || main.querySelector("h1") || main;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  document.addEventListener("htmx:after:swap", function (event) {
    var ctx = event.detail && event.detail.ctx;
    var main = document.getElementById("main");
    // A swap of <main>, or of the whole <body> when Back or Forward restores a page from history.
    if (!ctx || !ctx.target) return;
    if (main && (ctx.target === main || ctx.target.contains(main))) {
      focusMain();
      initialise(main);
    } else {
      // An outerHTML swap replaces the target: find its successor by id.
      var region = ctx.target.isConnected ? ctx.target : document.getElementById(ctx.target.id);
      if (!region) return;
      initialise(region);
      var summary = region.querySelector(".error-summary");
      if (summary) summary.focus();  // errors in a swapped region: go to their summary
    }
  });

  // The server says what changed (HX-Trigger "consult:announce"): read it out, and put focus
  // back where the person was working when the control they used has moved or gone.
  document.addEventListener("consult:announce", function (event) {
    var detail = event.detail || {};
    var region = announcer();
    if (region && detail.message) {
      region.textContent = "";
      setTimeout(function () { region.textContent = detail.message; }, 50);
    }
    var focus = detail.focus && document.getElementById(detail.focus);
    if (focus) focus.focus();
  });

  // Character count: the visible count changes as people type; screen readers hear it after a pause.
  function characterCount(textarea) {
    var limit = parseInt(textarea.getAttribute("data-character-count"), 10);
    var leftText = textarea.getAttribute("data-count-left");
    var overText = textarea.getAttribute("data-count-over");
    var message = document.getElementById(textarea.id + "-limit");
    if (!limit || !message) return;
    var timer = null;
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    function text() {
      var left = limit - textarea.value.length;
      return (left >= 0 ? leftText : overText).replace("{count}", format.format(Math.abs(left)));
    }
    function update(announce) {
      var over = textarea.value.length > limit;
      message.textContent = text();
      message.classList.toggle("character-count--over", over);
      if (announce) {
        clearTimeout(timer);
        timer = setTimeout(function () { announcer().textContent = text(); }, 1000);
      }
    }
    textarea.addEventListener("input", function () { update(true); });
    update(false);
  }

  // "None of these" and "Prefer not to say" clear the other boxes, and the other way round.
  function exclusiveCheckboxes(group) {
    group.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox" || !box.checked) return;
      var boxes = group.querySelectorAll("input[type=checkbox]");
      for (var i = 0; i < boxes.length; i++) {
        var other = boxes[i];
        if (other === box) continue;
        if (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive")) other.checked = false;
      }
    });
  }

  // Listen: reads the question, its hint and its answers aloud in their own languages, with the
  // browser's speech synthesis. Shown only where the browser can speak; it never plays by itself.
  function listenButton(container) {
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
    var button = container.querySelector("button");
    var form = document.querySelector(".question-form");
    if (!button || !form) return;
    container.hidden = false;
    var label = button.querySelector(".listen__label");
    var more = button.querySelector(".listen__more");
    var words = { label: label.textContent, more: more.textContent };
    function setSpeaking(speaking) {
      // The visible word and the name a screen reader hears change together ("Stop reading aloud").
      label.textContent = speaking ? button.getAttribute("data-stop") : words.label;
      more.textContent = speaking ? " " + button.getAttribute("data-stop-more") : words.more;
      button.classList.toggle("listen__button--speaking", speaking);
    }
    function languageOf(element) {
      var owner = element.closest("[lang]");
      return owner ? owner.getAttribute("lang") : document.documentElement.lang;
    }
    button.addEventListener("click", function () {
      if (synth.speaking) {
        synth.cancel();
        setSpeaking(false);
        return;
      }
      var parts = form.querySelectorAll("h1, .hint, .choices__label");
      var utterance = null;
      for (var i = 0; i < parts.length; i++) {
        var text = parts[i].textContent.replace(/\s+/g, " ").trim();
        if (!text) continue;
        utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = languageOf(parts[i].querySelector("[lang]") || parts[i]);
        synth.speak(utterance);
      }
      if (utterance) {
        setSpeaking(true);
        utterance.addEventListener("end", function () { setSpeaking(false); });
      }
    });
  }

  function initialise(root) {
    var areas = root.querySelectorAll("textarea[data-character-count]");
    for (var i = 0; i < areas.length; i++) characterCount(areas[i]);
    var listen = root.querySelectorAll(".listen");
    for (var k = 0; k < listen.length; k++) listenButton(listen[k]);
    var groups = root.querySelectorAll(".choices--checkbox");
    for (var j = 0; j < groups.length; j++) exclusiveCheckboxes(groups[j]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initialise(document); });
  } else {
    initialise(document);
  }
})();
