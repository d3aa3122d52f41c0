// What-if page: sliders set a numerator as a share of its denominator and
// the result is fetched again from the server, which scores with the
// versioned table. Without JavaScript the page is a plain form.
(function () {
  var form = document.getElementById('whatif');
  if (!form) return;
  var timer = null;
  function refresh() {
    var q = new URLSearchParams(new FormData(form));
    fetch(form.action + '?' + q.toString(), {credentials: 'same-origin'})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        ['whatif-result', 'whatif-scores'].forEach(function (id) {
          var fresh = doc.getElementById(id), old = document.getElementById(id);
          if (fresh && old) old.replaceWith(fresh);
        });
        doc.querySelectorAll('[data-score]').forEach(function (el) {
          var mine = document.querySelector('[data-score="' + el.dataset.score + '"]');
          if (mine) mine.textContent = el.textContent;
        });
      });
  }
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 150); }
  form.querySelectorAll('input[type=range]').forEach(function (slider) {
    slider.hidden = false;
    var metric = slider.dataset.metric;
    var num = form.querySelector('[name="n_' + metric + '"]');
    var den = form.querySelector('[name="d_' + metric + '"]');
    var out = form.querySelector('[data-percent="' + metric + '"]');
    slider.addEventListener('input', function () {
      var d = parseInt(den.value, 10) || 0;
      num.value = Math.round(d * slider.value / 100);
      if (out) out.textContent = slider.value + '%';
      later();
    });
  });
  form.querySelectorAll('input[type=number]').forEach(function (i) { i.addEventListener('input', later); });
})();
