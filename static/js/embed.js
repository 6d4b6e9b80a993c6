// Consult's script for the organisation's own website, next to the <iframe data-consult-embed> that
// shows a consultation (the code is on each consultation's staff page). It sets each frame's height to
// the height of the page inside it, which that page sends with postMessage. Messages are believed only
// from the Consult site this script came from, and only for the frame that sent them.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.postMessage) return;
  var consultOrigin = new URL(script.src, window.location.href).origin;
  var MAX_HEIGHT = 20000;

  function frameFor(source) {
    var frames = document.querySelectorAll("iframe[data-consult-embed]");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== consultOrigin) return;
    var data = event.data;
    if (!data || data.consult !== "height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 100 || height > MAX_HEIGHT) return;
    var frame = frameFor(event.source);
    if (!frame) return;
    var seen = frame.hasAttribute("data-consult-height");
    frame.setAttribute("height", String(Math.ceil(height)));
    frame.setAttribute("data-consult-height", String(Math.ceil(height)));
    // The next page of the consultation: when its top has scrolled out of sight, bring it back, so
    // people start reading the new question at its beginning (the first page leaves the scroll alone).
    if (data.newPage && seen && frame.getBoundingClientRect().top < 0) {
      frame.scrollIntoView();
    }
  });
})();
