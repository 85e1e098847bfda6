// Starts Redoc on the API documentation page (templates/api/docs.html) from the schema URL the
// page gives, so that the page has no inline script. Redoc's styles are <style> elements it
// writes at run time: they carry this response's nonce, which style-src accepts on this page
// only (api.views.DocsView). Search is off: Redoc runs it in a worker made from a blob: URL,
// which the portal's CSP (scripts from 'self' only) refuses.
(function () {
  "use strict";
  var container = document.getElementById("api-docs");
  if (!container || !window.Redoc) {
    return;
  }

  // Redoc follows an operation's <h2> with <h5> sub-headings ("Authorizations", "Response
  // Schema"): screen-reader users navigating by headings would think levels were missing.
  // Each heading that skips levels is given the level after the one before it (aria-level).
  function levelOf(heading) {
    return Number(heading.getAttribute("aria-level") || heading.tagName.substring(1));
  }
  function fixHeadingLevels() {
    var previous = 1;
    var headings = document.querySelectorAll("h1, h2, h3, h4, h5, h6");
    for (var i = 0; i < headings.length; i++) {
      var heading = headings[i];
      var natural = Number(heading.tagName.substring(1));
      var level = natural > previous + 1 ? previous + 1 : natural;
      if (level !== natural) {
        heading.setAttribute("aria-level", String(level));
      } else if (heading.hasAttribute("aria-level") && levelOf(heading) !== natural) {
        heading.removeAttribute("aria-level");
      }
      previous = level;
    }
  }
  var scheduled = false;
  new MutationObserver(function () {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        fixHeadingLevels();
      });
    }
  }).observe(container, { childList: true, subtree: true });

  window.Redoc.init(
    container.getAttribute("data-spec-url"),
    {
      nonce: container.getAttribute("data-style-nonce"),
      disableSearch: true,
      expandResponses: "200",
      theme: { colors: { primary: { main: "#284162" } } },
    },
    container,
    fixHeadingLevels
  );
})();
