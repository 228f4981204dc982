(function () {
  if (typeof Chart === 'undefined') { return; }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#475569';
  Chart.defaults.animation = false;
  var seats = window.seatChart;
  new Chart(document.getElementById('seat-chart'), {
    type: 'bar',
    data: {
      labels: seats.labels,
      datasets: [
        { label: 'Purchased', data: seats.purchased, backgroundColor: '#94a3b8' },
        { label: 'Assigned', data: seats.assigned, backgroundColor: '#2563eb' },
        { label: 'Available', data: seats.available, backgroundColor: '#16a34a' }
      ]
    },
    options: { maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } }
  });
  var trend = window.trendChart;
  new Chart(document.getElementById('trend-chart'), {
    type: 'line',
    data: {
      labels: trend.labels,
      datasets: [
        { label: 'Assigned', data: trend.assignments, borderColor: '#2563eb', backgroundColor: 'rgba(37,99,235,.12)', fill: true, tension: .3 },
        { label: 'Activated', data: trend.activations, borderColor: '#16a34a', backgroundColor: 'rgba(22,163,74,.12)', fill: true, tension: .3 }
      ]
    },
    options: { maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } }
  });
  document.body.setAttribute('data-charts', 'ready');
})();
