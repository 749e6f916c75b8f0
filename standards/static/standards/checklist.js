// The requirement checklist keeps its ticks on this device (localStorage),
// so a reader who reloads or comes back later finds the items they have
// ready still ticked. Nothing is sent to the server. Ticks are
// kept per standard and version: a new version of the standard starts an
// empty list. Without JavaScript (or storage) the boxes still tick.
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
