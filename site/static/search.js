/* search.js — the public site's search, in the browser, with no server: loads the index
   the build wrote (tim-kiem/chi-muc.json: each product's name, producer and the number
   of its place; each place once), folds names, producers, places and the query alike
   (lower case, diacritics removed, đ/Đ → d, so "mat ong" finds "Mật ong"; a place is
   found by its names today and when the product was certified) and lists the products
   whose name, producer or places hold every word. Results are built with text nodes
   only, never as HTML. */
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

  /* The index's items, made ready to match once: {slug, name, producer, place, stars,
     valid, folded name, folded text of all}. Version 2 of the file (feeds.c). */
  function load(d) {
    if (!d || d.v !== 2 || !Array.isArray(d.places) || !Array.isArray(d.items)) {
      throw new Error('index');
    }
    var places = d.places.map(function (p) { return { text: p[0], folded: fold(p.join('\n')) }; });
    return d.items.map(function (x) {
      var pl = places[x[3]] || { text: '', folded: '' };
      var name = fold(x[1]);
      return { slug: x[0], name: x[1], producer: x[2], place: pl.text, stars: x[4], valid: x[5],
               fname: name, text: name + '\n' + fold(x[2]) + '\n' + pl.folded };
    });
  }

  /* 0: no match; higher is better (every word in the name, name starting with the query). */
  function score(item, ws, phrase) {
    var s = 1;
    for (var i = 0; i < ws.length; i++) {
      if (item.text.indexOf(ws[i]) < 0) return 0;
      if (item.fname.indexOf(ws[i]) >= 0) s += 2;
    }
    if (item.fname.indexOf(phrase) === 0) s += 4;
    if (item.valid) s += 1; /* in force */
    return s;
  }

  function row(item) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = base + 'san-pham/' + item.slug + '/';
    a.textContent = item.name;
    li.appendChild(a);
    var meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = item.stars + ' sao · ' + (item.valid ? 'còn hiệu lực' : 'không còn hiệu lực') +
      ' · ' + item.producer + ' · ' + item.place;
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
    .then(function (d) { items = load(d); status.textContent = ''; run(); })
    .catch(function () { status.textContent = 'Không tải được chỉ mục tìm kiếm. Hãy xem danh sách theo tỉnh, nhóm hoặc hạng sao.'; });
}());
