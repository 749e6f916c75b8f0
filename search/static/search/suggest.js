/* Suggestions as the user types: fills a <datalist> from /api/search/suggest/.
   Progressive enhancement only: the search form works without it. */
(function () {
  "use strict";
  function attach(input, url) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var lang = document.documentElement.lang || "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { list.textContent = ""; return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(q) + "&locale=" + encodeURIComponent(lang),
              { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            var seen = {};
            data.suggestions.forEach(function (s) {
              // Several units publish a standard of the same name: offer it once.
              if (seen[s.text]) { return; }
              seen[s.text] = true;
              var option = document.createElement("option");
              option.value = s.text;
              list.appendChild(option);
            });
          })
          .catch(function () { list.textContent = ""; });
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var page = document.getElementById("search-q");
    if (!page) { return; }
    var url = page.getAttribute("data-suggest-url");
    attach(page, url);
    var header = document.getElementById("site-search");
    if (header) { attach(header, url); }
  });
})();
