// Consult kiosk mode: loaded only on a kiosk device (templates/layouts/base.html).
//
// While someone is answering: after the idle time without a touch, ask "Are you still there?";
// 30 seconds later clear the answers (a POST to the server, which deletes the draft) and go back to
// the start. While the person is busy, tell the server now and then, so its own idle rule (which
// also works without this script) never clears answers that are still being given.
// On the thank-you page: go back to the start for the next person after a while without a touch.
(function () {
  "use strict";

  var root = document.getElementById("kiosk");
  if (!root) return;
  var ACTIVITY = ["pointerdown", "keydown", "input", "wheel", "touchstart", "scroll"];

  function seconds(name) {
    return parseInt(root.getAttribute(name), 10) * 1000;
  }

  function csrfToken() {
    var input = document.querySelector("#kiosk-clear input[name=csrf_token]");
    return input ? input.value : "";
  }

  function submitForm(form) {
    // requestSubmit where there is one, so the form goes exactly as if its button were pressed.
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  }

  // Call ``expire`` after ``delay`` ms with no activity; activity starts the wait again.
  function whenIdle(delay, expire, isPaused) {
    var timer = null;
    function restart() {
      clearTimeout(timer);
      timer = setTimeout(expire, delay);
    }
    ACTIVITY.forEach(function (name) {
      document.addEventListener(name, function () { if (!isPaused()) restart(); }, { capture: true, passive: true });
    });
    restart();
    return restart;
  }

  // The thank-you page -------------------------------------------------------------------------
  var next = document.getElementById("kiosk-next");
  if (next) {
    var note = document.getElementById("kiosk-return-note");
    if (note) note.hidden = false;
    whenIdle(parseInt(next.getAttribute("data-return-after"), 10) * 1000,
             function () { submitForm(next); }, function () { return false; });
    return;
  }

  // Answering: the idle warning ----------------------------------------------------------------
  if (root.getAttribute("data-in-progress") !== "true") return;
  var dialog = document.getElementById("kiosk-warning");
  var moreTime = document.getElementById("kiosk-more-time");
  var clearForm = document.getElementById("kiosk-clear");
  if (!dialog || !moreTime || !clearForm || typeof dialog.showModal !== "function") return;

  var idle = seconds("data-idle-seconds");
  var warning = seconds("data-warning-seconds");
  var ping = seconds("data-ping-seconds");
  var stillHere = root.getAttribute("data-still-here");
  var lastPing = Date.now();
  var clearTimer = null;

  function tellServer() {
    lastPing = Date.now();
    if (!window.fetch) return;
    window.fetch(stillHere, {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() },
      // If the server has cleared the answers already it answers with the start page: do not fetch
      // that page here (it would use up its "answers cleared" message); the timer goes there itself.
      redirect: "manual",
    }).catch(function () { /* offline for a moment: the next touch tries again */ });
  }

  function warn() {
    // showModal moves focus into the dialog (to the button, which has autofocus) and makes the
    // page behind it inert; role="alertdialog" with its title and text is announced.
    dialog.showModal();
    clearTimer = setTimeout(function () { submitForm(clearForm); }, warning);
  }

  var restartIdle = whenIdle(idle, warn, function () { return dialog.open; });

  // Someone is busy on the page: let the server know, at most every ``ping`` ms.
  ACTIVITY.forEach(function (name) {
    document.addEventListener(name, function () {
      if (!dialog.open && Date.now() - lastPing >= ping) tellServer();
    }, { capture: true, passive: true });
  });

  function keepGoing() {
    clearTimeout(clearTimer);
    if (dialog.open) dialog.close();
    tellServer();
    restartIdle();
  }

  moreTime.addEventListener("click", keepGoing);
  // Escape is an answer too: whoever pressed it is still there.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    keepGoing();
  });
})();
