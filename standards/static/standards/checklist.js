// The requirement checklist keeps its ticks on this device (localStorage),
// so a reader who reloads or comes back later finds the items they have
// ready still ticked. Nothing is sent to the server. Ticks are
// kept per page (each language its own) and version: a new version of the
// standard starts an empty list. Without JavaScript (or storage) the boxes
// still tick.
(function () {
  var list = document.querySelector("ul.checklist[data-keep]");
  if (!list) {
    return;
  }
  var key = "terpadu:checklist:" + list.getAttribute("data-keep");
  var boxes = list.querySelectorAll('input[type="checkbox"]');

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "[]");
    } catch (error) {
      return [];
    }
  }

  function write() {
    var ticked = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) {
        ticked.push(boxes[i].id);
      }
    }
    try {
      if (ticked.length) {
        window.localStorage.setItem(key, JSON.stringify(ticked));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (error) {
      // Storage full or refused (private mode): the ticks last as long as the page.
    }
  }

  // An earlier version's ticks of this page are of no more use: drop them.
  function forgetEarlierVersions() {
    var page = key.slice(0, key.lastIndexOf(":") + 1);
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var stored = window.localStorage.key(i);
        if (stored && stored !== key && stored.indexOf(page) === 0) {
          window.localStorage.removeItem(stored);
        }
      }
    } catch (error) {
      // No storage: nothing was kept.
    }
  }

  forgetEarlierVersions();
  var note = document.querySelector("[data-checklist-note]");
  if (note) {
    note.hidden = false;
  }
  var kept = read();
  for (var i = 0; i < boxes.length; i++) {
    if (kept.indexOf(boxes[i].id) !== -1) {
      boxes[i].checked = true;
    }
    boxes[i].addEventListener("change", write);
  }
})();
