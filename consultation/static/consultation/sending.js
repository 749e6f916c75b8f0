// Each answer form of the page gets its own sending id (the hidden input
// "sending", `consultation.resubmission`): a double tap sends the same id
// twice and is saved once; two people behind one address send different ids.
(function () {
  function newId() {
    if (window.crypto && window.crypto.getRandomValues) {
      var words = new Uint32Array(4);
      window.crypto.getRandomValues(words);
      return Array.prototype.map.call(words, function (word) {
        return word.toString(16);
      }).join("");
    }
    return String(Math.random()).slice(2) + String(Date.now());
  }
  var inputs = document.querySelectorAll('input[name="sending"]');
  for (var i = 0; i < inputs.length; i++) {
    if (!inputs[i].value) {
      inputs[i].value = newId();
    }
  }
})();
