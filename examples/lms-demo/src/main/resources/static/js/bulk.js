(function () {
  var card = document.getElementById('job');
  if (!card || card.getAttribute('data-finished') === 'true') { return; }
  var url = window.location.pathname + '/progress';
  var updates = 0;
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        updates++;
        card.setAttribute('data-updates', String(updates));
        document.getElementById('progress-done').textContent = p.done;
        document.getElementById('progress-total').textContent = p.total < 0 ? '…' : p.total;
        var percent = p.total > 0 ? Math.round(p.done * 100 / p.total) : (p.finished ? 100 : 0);
        document.getElementById('progress-bar').style.width = percent + '%';
        if (p.finished) { window.location.reload(); } else { setTimeout(poll, 150); }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
