// Starts Redoc on /api/docs/ (cms/core/api/docs.py). A file rather than an
// inline script, so the page keeps the site's policy: script-src 'self'.
(function () {
  "use strict";
  // Redoc's sidebar footer always shows its logo from cdn.redoc.ly (no option
  // turns it off); the site's img-src refuses it and the browser reports a
  // violation. React sets an image's address both as an attribute and as a
  // property: neither requests the logo. The "API docs by Redocly" text stays.
  var image = HTMLImageElement.prototype;
  var external = function (value) {
    return String(value).indexOf("https://cdn.redoc.ly/") === 0;
  };
  var setAttribute = image.setAttribute;
  image.setAttribute = function (name, value) {
    if (!(name === "src" && external(value))) {
      setAttribute.call(this, name, value);
    }
  };
  var src = Object.getOwnPropertyDescriptor(image, "src");
  Object.defineProperty(image, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      if (!external(value)) {
        src.set.call(this, value);
      }
    },
  });
  var container = document.getElementById("redoc-container");
  var options = JSON.parse(container.dataset.options || "{}");
  window.Redoc.init(container.dataset.specUrl, options, container);
})();
