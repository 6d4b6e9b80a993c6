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

  // Listen: reads the question (on a section's page, each question), its hint and its answers aloud in their own languages, with the
  // browser's speech synthesis. Shown only where the browser has a voice for the question's language
  // (else a Welsh question would be read by an English voice, or not at all); never plays by itself.
  // An error on the page is read first: it is what the person must deal with.
  var LISTEN_RATE = 0.85;  // a little slower than the voice's own speed, for people who find reading hard

  function languageOf(element) {
    var owner = element.closest("[lang]");
    return owner ? owner.getAttribute("lang") : document.documentElement.lang;
  }

  // The device's voice for a language ("cy" finds "cy-GB"), null when it has none, or undefined when
  // the browser cannot tell us (no getVoices): then we try, as before.
  function voiceFor(synth, language) {
    if (typeof synth.getVoices !== "function") return undefined;
    var wanted = (language || "").toLowerCase().split("-")[0];
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var code = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === wanted || code.indexOf(wanted + "-") === 0) return voices[i];
    }
    return null;
  }

  function stopSpeaking() {
    var synth = window.speechSynthesis;
    if (synth && typeof synth.cancel === "function") synth.cancel();
  }

  function listenButton(container) {
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
    var button = container.querySelector("button");
    var form = document.querySelector(".question-form");
    if (!button || !form) return;
    var heading = form.querySelector("h1") || form;
    function showIfVoice() {
      container.hidden = voiceFor(synth, languageOf(heading)) === null;
    }
    showIfVoice();
    // Voices often arrive after the page loads (Chrome): look again when they do.
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", showIfVoice);
    var label = button.querySelector(".listen__label");
    var more = button.querySelector(".listen__more");
    var words = { label: label.textContent, more: more.textContent };
    function setSpeaking(speaking) {
      // The visible word and the name a screen reader hears change together ("Stop reading aloud").
      label.textContent = speaking ? button.getAttribute("data-stop") : words.label;
      more.textContent = speaking ? " " + button.getAttribute("data-stop-more") : words.more;
      button.classList.toggle("listen__button--speaking", speaking);
    }
    function say(text, element) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = languageOf(element);
      utterance.rate = LISTEN_RATE;
      var voice = voiceFor(synth, utterance.lang);
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
      return utterance;
    }
    button.addEventListener("click", function () {
      if (synth.speaking) {
        synth.cancel();
        setSpeaking(false);
        return;
      }
      var utterance = null;
      var summary = document.querySelector("#main .error-summary");
      if (summary) {
        var problem = summary.textContent.replace(/\s+/g, " ").trim();
        if (problem) utterance = say(problem, summary);
      }
      // The page's heading, then each question (an h2 on a section's page), its hint and its answers.
      var parts = form.querySelectorAll("h1, h2, h3, .hint, .choices__label");
      for (var i = 0; i < parts.length; i++) {
        var text = parts[i].textContent.replace(/\s+/g, " ").trim();
        if (!text) continue;
        utterance = say(text, parts[i].querySelector("[lang]") || parts[i]);
      }
      if (utterance) {
        setSpeaking(true);
        utterance.addEventListener("end", function () { setSpeaking(false); });
      }
    });
  }

  // A new page (htmx swapping <main>, or leaving for another page): the old question stops speaking.
  document.addEventListener("htmx:before:swap", stopSpeaking);
  document.addEventListener("htmx:before:history:restore", stopSpeaking);
  window.addEventListener("pagehide", stopSpeaking);

  // An answer that asks for words ("Other, please specify"): its box shows only while the answer is
  // chosen (GOV.UK's conditional reveal). Without this script the box is always there. Focus stays on
  // the answer; the box is next in the tab order. A radio is unchosen by choosing another, so every
  // radio of the same name updates the box.
  function revealBox(input) {
    var box = document.getElementById(input.getAttribute("data-reveals"));
    if (!box || input.hasAttribute("aria-controls")) return;
    input.setAttribute("aria-controls", box.id);
    function update() {
      box.hidden = !input.checked;
    }
    var others = input.form ? input.form.querySelectorAll("input[name='" + input.name + "']") : [input];
    for (var i = 0; i < others.length; i++) others[i].addEventListener("change", update);
    update();
  }

  function initialise(root) {
    var areas = root.querySelectorAll("textarea[data-character-count]");
    for (var i = 0; i < areas.length; i++) characterCount(areas[i]);
    var listen = root.querySelectorAll(".listen");
    for (var k = 0; k < listen.length; k++) listenButton(listen[k]);
    var groups = root.querySelectorAll(".choices--checkbox");
    for (var j = 0; j < groups.length; j++) exclusiveCheckboxes(groups[j]);
    var reveals = root.querySelectorAll("input[data-reveals]");
    for (var r = 0; r < reveals.length; r++) revealBox(reveals[r]);
  }

  // Staff idle timeout: GOV.UK's timeout warning (templates/auth/_idle_warning.html). The server
  // ends a staff session that has had no request for the limit, with or without this script
  // (consult/auth/idle.py); this dialog warns a little before and lets the person stay signed in.
  // Any request restarts the count, in any tab, so before warning we ask the server how long is
  // really left. When the time is up the page stays as it is, so nothing typed is lost.
  function idleWarning() {
    var dialog = document.getElementById("idle-warning");
    if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;
    var idle = parseInt(dialog.getAttribute("data-idle-seconds"), 10);
    var warning = parseInt(dialog.getAttribute("data-warning-seconds"), 10);
    var statusUrl = dialog.getAttribute("data-status-url");
    var signInUrl = dialog.getAttribute("data-sign-in-url");
    var timeText = dialog.getAttribute("data-time-text");
    var active = document.getElementById("idle-warning-active");
    var ended = document.getElementById("idle-warning-ended");
    var text = document.getElementById("idle-warning-text");
    var spoken = document.getElementById("idle-warning-spoken");
    var stayForm = document.getElementById("idle-stay");
    var signIn = document.getElementById("idle-sign-in");
    var reason = document.getElementById("idle-ended-reason");
    var closeButton = document.getElementById("idle-close");
    var deadline = 0, timer = null, ticker = null, bucket = null, returnTo = null, isEnded = false;

    function schedule(secondsLeft) {
      clearTimeout(timer);
      deadline = Date.now() + secondsLeft * 1000;
      timer = setTimeout(check, Math.max(0, secondsLeft - warning) * 1000);
    }

    function asJson(response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }

    // What the server says: still signed in (for how long), or signed out (and whether for idleness).
    function answer(status) {
      if (!status.signed_in) return end(status.ended === "idle");
      if (status.seconds_left > warning) {
        hide();
        schedule(status.seconds_left);
      } else {
        deadline = Date.now() + status.seconds_left * 1000;
        show();
      }
    }

    function check() {
      clearTimeout(timer);
      window.fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(asJson)
        .then(answer, function () {
          // The server cannot be reached for a moment: go by our own count, and ask again soon.
          if (Date.now() >= deadline) end(true);
          else show();
        });
    }

    // "2 minutes", then "45 seconds", in the page's language.
    function timeLeft(seconds) {
      var unit = seconds >= 60 ? "minute" : "second";
      var value = seconds >= 60 ? Math.ceil(seconds / 60) : seconds;
      try {
        return new Intl.NumberFormat(document.documentElement.lang || undefined,
                                     { style: "unit", unit: unit, unitDisplay: "long" }).format(value);
      } catch (error) {
        return null;
      }
    }

    // Writes the time left into the dialog; false when it is up (the server is asked again).
    function update() {
      var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      if (seconds <= 0) {
        // Time is up by our count: the server decides (a second later, if it still had a moment).
        clearInterval(ticker);
        ticker = null;
        clearTimeout(timer);
        timer = setTimeout(check, 1000);
        return false;
      }
      var words = timeLeft(seconds);
      if (words) text.textContent = timeText.replace("{time}", words);
      // The dialog is read out when it opens; after that, each new minute and the last 30 and 10
      // seconds are said, not every second.
      var now = seconds >= 60 ? "m" + Math.ceil(seconds / 60) : seconds > 30 ? "60" : seconds > 10 ? "30" : "10";
      if (bucket !== null && now !== bucket) spoken.textContent = text.textContent;
      bucket = now;
      return true;
    }

    function open(labelledBy, describedBy) {
      dialog.setAttribute("aria-labelledby", labelledBy);
      dialog.setAttribute("aria-describedby", describedBy);
      if (!dialog.open) {
        if (!returnTo) returnTo = document.activeElement;
        // showModal moves focus into the dialog and makes the page behind it inert.
        dialog.showModal();
      }
    }

    function show() {
      if (isEnded) return;
      clearInterval(ticker);
      ticker = setInterval(update, 1000);
      bucket = null;
      if (update()) open("idle-warning-title", "idle-warning-text");
    }

    function end(forIdleness) {
      isEnded = true;
      clearTimeout(timer);
      clearInterval(ticker);
      reason.hidden = !forIdleness;
      // Back to this page after signing in (the address may have changed since it loaded, with htmx).
      signIn.setAttribute("href", signInUrl + "?next=" +
                          encodeURIComponent(window.location.pathname + window.location.search));
      // Closed and opened again, so the new title and words are announced as a new dialog.
      if (dialog.open) dialog.close();
      active.hidden = true;
      ended.hidden = false;
      open("idle-ended-title", "idle-ended-text");
      closeButton.focus();
    }

    function hide() {
      clearInterval(ticker);
      ticker = null;
      if (dialog.open) dialog.close();
      if (returnTo && returnTo.isConnected && typeof returnTo.focus === "function") returnTo.focus();
      returnTo = null;
    }

    function stay() {
      window.fetch(stayForm.action, {
        method: "POST", credentials: "same-origin", headers: { Accept: "application/json" },
        body: new FormData(stayForm),
      }).then(asJson).then(answer, function () {
        hide();
        timer = setTimeout(check, 5000);
      });
    }

    stayForm.addEventListener("submit", function (event) {
      event.preventDefault();
      stay();
    });
    // Escape is an answer too: whoever pressed it is still there (or, once signed out, done reading).
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      if (isEnded) hide();
      else stay();
    });
    closeButton.addEventListener("click", hide);
    // Every request to the server (an htmx swap or save) starts the count again.
    document.addEventListener("htmx:after:request", function () {
      if (!isEnded && !dialog.open) schedule(idle);
    });
    // A page shown again from the browser's memory (Back): its count is out of date.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) check();
    });
    schedule(idle);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initialise(document); idleWarning(); });
  } else {
    initialise(document);
    idleWarning();
  }
})();
