// upload.js — a progress bar for the dossier upload form. The form works without it
// (a plain multipart POST); with it, the same POST goes through XMLHttpRequest so the
// official sees how much of a large file on a slow line has been sent.
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var bar = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  form.addEventListener('submit', function (ev) {
    var data = new FormData(form);
    var chosen = Array.prototype.some.call(form.querySelectorAll('input[type=file]'),
      function (i) { return i.files && i.files.length > 0; });
    if (!chosen) return; // let the server say nothing was chosen
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    bar.hidden = false;
    bar.value = 0;
    status.textContent = 'Đang tải lên…';
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
        status.textContent = 'Đã gửi ' + bar.value + '%';
      }
    });
    xhr.addEventListener('load', function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 201) {
        bar.value = 100;
        status.textContent = 'Đã tải lên ' + body.files.length + ' tệp.';
        window.location.assign(body.dossier);
      } else {
        status.textContent = (body && body.error && body.error.message) ||
          ('Không tải lên được (mã ' + xhr.status + ').');
      }
    });
    xhr.addEventListener('error', function () {
      status.textContent = 'Mất kết nối khi tải lên; hãy thử lại.';
    });
    xhr.send(data);
  });
})();
