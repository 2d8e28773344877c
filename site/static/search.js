/* search.js — the public site's search, in the browser, with no server: loads the index
   the build wrote (tim-kiem/chi-muc.json), folds the query the way the build folded the
   index (lower case, diacritics removed, đ/Đ → d, so "mat ong" finds "Mật ong") and lists
   the products whose name, producer or places hold every word. Results are built with
   text nodes only, never as HTML. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.fetch) return;
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var base = form.getAttribute('data-base') || '/';
  var items = null;
  var MAX = 50;
  var timer = 0;

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  function words(q) {
    return fold(q).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  /* 0: no match; higher is better (every word in the name, name starting with the query). */
  function score(item, ws, phrase) {
    var text = item[6];
    var name = fold(item[1]);
    var s = 1;
    for (var i = 0; i < ws.length; i++) {
      if (text.indexOf(ws[i]) < 0) return 0;
      if (name.indexOf(ws[i]) >= 0) s += 2;
    }
    if (name.indexOf(phrase) === 0) s += 4;
    if (item[5]) s += 1; /* in force */
    return s;
  }

  function row(item) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = base + 'san-pham/' + item[0] + '/';
    a.textContent = item[1];
    li.appendChild(a);
    var meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = item[4] + ' sao · ' + (item[5] ? 'còn hiệu lực' : 'không còn hiệu lực') +
      ' · ' + item[2] + ' · ' + item[3];
    li.appendChild(meta);
    return li;
  }

  function run() {
    var q = input.value.trim();
    var ws = words(q);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (history.replaceState) {
      history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
    }
    if (!items) return;
    if (ws.length === 0) {
      status.textContent = 'Nhập tên sản phẩm, chủ thể hoặc địa phương.';
      return;
    }
    var phrase = ws.join(' ');
    var found = [];
    for (var i = 0; i < items.length; i++) {
      var s = score(items[i], ws, phrase);
      if (s > 0) found.push([s, i]);
    }
    found.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
    for (var k = 0; k < found.length && k < MAX; k++) list.appendChild(row(items[found[k][1]]));
    status.textContent = found.length === 0 ? 'Không tìm thấy sản phẩm nào cho “' + q + '”.'
      : 'Tìm thấy ' + found.length + ' sản phẩm' +
        (found.length > MAX ? ', hiện ' + MAX + ' sản phẩm đầu' : '') + '.';
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  input.value = new URLSearchParams(location.search).get('q') || '';
  status.textContent = 'Đang tải chỉ mục tìm kiếm…';
  fetch(form.getAttribute('data-index'))
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (d) { items = d.items || []; status.textContent = ''; run(); })
    .catch(function () { status.textContent = 'Không tải được chỉ mục tìm kiếm. Hãy xem danh sách theo tỉnh, nhóm hoặc hạng sao.'; });
}());
