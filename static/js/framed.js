// Consult inside a frame on the organisation's own website (consult/embed): send the page's height to
// the page around it, so its frame fits without a second scroll bar. Loaded only on pages that sites
// may frame, with those sites in data-parents; does nothing when the page is not in a frame.
(function () {
  "use strict";

  var script = document.currentScript;
  if (window.parent === window || !script) return;
  var allowed = (script.getAttribute("data-parents") || "").split(" ").filter(Boolean);

  // The page around the frame: told by the browser where it can (Chromium, Safari), else taken from
  // the first page's referrer and kept for the pages after it. Only ever one of the allowed sites:
  // the height goes to nobody else.
  function parentOrigin() {
    var found = null;
    if (window.location.ancestorOrigins && window.location.ancestorOrigins.length) {
      found = window.location.ancestorOrigins[0];
    } else {
      try {
        var referrer = document.referrer ? new URL(document.referrer).origin : null;
        if (allowed.indexOf(referrer) !== -1) window.sessionStorage.setItem("consult-embed-parent", referrer);
        found = window.sessionStorage.getItem("consult-embed-parent");
      } catch (error) {
        found = null;
      }
    }
    return allowed.indexOf(found) === -1 ? null : found;
  }

  var target = parentOrigin();
  if (!target) return;

  var sent = 0;
  function send(newPage) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && !newPage) return;
    sent = height;
    window.parent.postMessage({ consult: "height", height: height, newPage: !!newPage }, target);
  }

  // A link to a page that may not be framed (staff sign-in, another site, a document) opens in its own
  // tab: in the frame the browser would refuse it.
  function opensOutside(link) {
    var url;
    try {
      url = new URL(link.href, window.location.href);
    } catch (error) {
      return false;
    }
    return url.origin !== window.location.origin || url.pathname.indexOf("/staff") === 0 ||
      url.pathname.indexOf("/documents/") !== -1 || link.hasAttribute("download");
  }

  function markLinks(root) {
    var links = root.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i += 1) {
      if (opensOutside(links[i]) && !links[i].hasAttribute("target")) {
        links[i].setAttribute("target", "_blank");
        links[i].setAttribute("rel", "noopener");
      }
    }
  }

  // htmx's requests say they come from a frame (a fetch does not), so a browser that keeps no cookie
  // here gets the page that offers a new tab rather than "please try again" (consult/embed/blocked.py).
  document.addEventListener("htmx:config:request", function (event) {
    var request = event.detail && event.detail.ctx && event.detail.ctx.request;
    if (request && request.headers) request.headers["X-Consult-Framed"] = "1";
  });

  markLinks(document);
  send(true);
  if (window.ResizeObserver) {
    new ResizeObserver(function () { send(false); }).observe(document.documentElement);
  } else {
    window.addEventListener("resize", function () { send(false); });
  }
  window.addEventListener("load", function () { send(false); });
  // htmx swaps <main> for the next question without loading a page: that is a new page too.
  document.addEventListener("htmx:after:swap", function () {
    markLinks(document);
    send(true);
  });
})();
