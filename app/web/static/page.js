// Small behaviours every page may use, kept out of the templates: the Content-Security-Policy
// (script-src 'self') refuses inline scripts and on...="" handlers.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    if (target.closest("[data-print]")) { event.preventDefault(); window.print(); }
    else if (target.closest("[data-back]")) { event.preventDefault(); window.history.back(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-no-submit")) { event.preventDefault(); }
  });
})();
