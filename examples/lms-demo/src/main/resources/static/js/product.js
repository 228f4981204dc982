(function () {
  var box = document.getElementById('guarded');
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  fetch(box.getAttribute('data-src'), { headers: { 'Accept': 'text/html, application/problem+json' } })
    .then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (response.ok) {
        return response.text().then(function (html) { box.innerHTML = html; });
      }
      if (type.indexOf('json') < 0) { throw new Error('HTTP ' + response.status); }
      return response.json().then(function (problem) {
        box.innerHTML = '';
        var denied = document.createElement('div');
        denied.id = 'product-denied';
        denied.setAttribute('data-access', 'denied');
        denied.appendChild(text('h2', problem.title + ' (HTTP ' + problem.status + ')'));
        denied.appendChild(text('p', problem.detail, 'notice error'));
        var list = document.createElement('ol');
        list.className = 'reasons';
        (problem.reasons || []).forEach(function (r) {
          var item = document.createElement('li');
          item.setAttribute('data-code', r.code);
          item.appendChild(text('strong', r.code, 'code'));
          item.appendChild(document.createTextNode(' ' + r.detail));
          item.appendChild(text('div', r.hint, 'hint'));
          list.appendChild(item);
        });
        denied.appendChild(list);
        denied.appendChild(text('p', 'Use “Act as” in the top bar to try another persona.', 'muted'));
        box.appendChild(denied);
      });
    })
    .catch(function (e) { box.textContent = 'Could not load the product: ' + e.message; });
})();
