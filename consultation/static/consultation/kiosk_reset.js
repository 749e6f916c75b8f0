/* Kiosk thank-you screen: back to the first question after a pause.
   Replaces a <meta http-equiv="refresh"> (a time limit the respondent cannot
   adjust, WCAG 2.2.1): any touch, click or key press restarts the wait, and
   the "Next respondent" link works without JavaScript. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var screen = document.querySelector("[data-reset-url]");
    if (!screen) { return; }
    var url = screen.getAttribute("data-reset-url");
    var delay = parseInt(screen.getAttribute("data-reset-seconds"), 10) * 1000;
    var timer = null;
    function wait() {
      clearTimeout(timer);
      timer = setTimeout(function () { window.location.replace(url); }, delay);
    }
    ["pointerdown", "keydown", "touchstart", "focusin"].forEach(function (name) {
      document.addEventListener(name, wait, { passive: true });
    });
    wait();
  });
})();
