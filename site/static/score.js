// score.js — running totals on the score sheet: per part and overall, as the member
// chooses. The sheet works without it (the server computes the totals on saving).
(function () {
  'use strict';
  var form = document.getElementById('score-form');
  if (!form) return;
  function update() {
    var parts = {}, total = 0;
    Array.prototype.forEach.call(form.querySelectorAll('input[type=radio]:checked'), function (r) {
      var p = Number(r.getAttribute('data-points')) || 0;
      var part = r.getAttribute('data-part');
      parts[part] = (parts[part] || 0) + p;
      total += p;
    });
    Array.prototype.forEach.call(document.querySelectorAll('.part-total'), function (el) {
      set(el, (parts[el.getAttribute('data-part')] || 0) + ' điểm');
    });
    set(document.getElementById('grand-total'), String(total));
  }
  // Touch the page only when a number changes: a note's change event fires as the
  // member clicks a button, and any reflow then could swallow the click.
  function set(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }
  form.addEventListener('change', function (e) {
    if (e.target.type === 'radio') update();
  });
  update();
})();
