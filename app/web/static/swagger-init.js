// Starts Swagger UI on /api/docs (flask-smorest's inline start-up script, moved to a file for
// the Content-Security-Policy).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-config").textContent);
  var override = JSON.parse(document.getElementById("swagger-override").textContent) || {};
  Object.keys(override).forEach(function (name) { config[name] = override[name]; });
  window.addEventListener("load", function () { window.ui = window.SwaggerUIBundle(config); });
})();
