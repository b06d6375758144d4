// Draws the charts of /uppfoljning with Chart.js (served from /assets, no CDN). The figures come
// from the page's <script type="application/json" id="dashboard-data"> block, so no inline
// script is needed (CSP script-src 'self'). Every chart has a table next to it; without
// JavaScript the tables alone carry the figures.
(function () {
  'use strict';
  var source = document.getElementById('dashboard-data');
  if (!source || typeof window.Chart === 'undefined') return;
  var Chart = window.Chart;
  var data;
  try {
    data = JSON.parse(source.textContent || '{}');
  } catch {
    return;
  }

  // Each colour has at least 3:1 contrast against white (WCAG 1.4.11).
  var COLOURS = ['#0b4f6c', '#8a4b00', '#1e6b34', '#6a1b9a', '#b00020', '#4a4a4a'];
  var numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

  Chart.defaults.color = '#1b1b1b';
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  Chart.defaults.font.size = 14;

  function withUnit(value, unit) {
    if (value === null || value === undefined) return 'visas inte';
    var text = numberFormat.format(value);
    return unit ? text + ' ' + unit : text;
  }

  // Long category names (targets, competences) wrap onto several lines instead of being cut off.
  function wrapLabel(label, width) {
    var words = String(label).split(' ');
    var lines = [];
    var line = '';
    for (var w = 0; w < words.length; w++) {
      var next = line ? line + ' ' + words[w] : words[w];
      if (line && next.length > width) {
        lines.push(line);
        line = words[w];
      } else {
        line = next;
      }
    }
    if (line) lines.push(line);
    return lines.length > 1 ? lines : lines[0] || '';
  }

  function labelWidth() {
    return window.innerWidth < 600 ? 16 : 28;
  }

  function config(spec) {
    var round = spec.type === 'doughnut';
    var valueAxis = spec.horizontal ? 'x' : 'y';
    var categoryAxis = spec.horizontal ? 'y' : 'x';
    var scales = {};
    if (!round) {
      scales[valueAxis] = {
        beginAtZero: true,
        title: { display: Boolean(spec.unit), text: spec.unit || '' },
        ticks: {
          // Counts have whole-number ticks only (no 0,1 … 0,9 initiatives).
          precision: spec.integer ? 0 : undefined,
          callback: function (value) {
            if (spec.integer && !Number.isInteger(value)) return '';
            return numberFormat.format(value);
          },
        },
        grid: { color: '#d6d9db' },
      };
      scales[categoryAxis] = {
        grid: { display: false },
        ticks: { autoSkip: !spec.horizontal },
      };
    }
    return {
      type: spec.type,
      data: {
        labels: spec.horizontal
          ? spec.labels.map(function (label) {
              return wrapLabel(label, labelWidth());
            })
          : spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: round ? COLOURS.slice(0, dataset.data.length) : COLOURS[index],
            borderColor: round ? '#ffffff' : COLOURS[index],
            borderWidth: round ? 2 : spec.type === 'line' ? 3 : 0,
            pointRadius: 4,
            pointBackgroundColor: COLOURS[index],
            spanGaps: false,
            fill: false,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: 'sv-SE',
        indexAxis: spec.horizontal ? 'y' : 'x',
        scales: scales,
        plugins: {
          legend: { display: round || spec.datasets.length > 1, position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (context) {
                var name = round ? String(context.label) : context.dataset.label;
                return name + ': ' + withUnit(context.raw, spec.unit);
              },
            },
          },
        },
      },
    };
  }

  var canvases = document.querySelectorAll('canvas[data-chart]');
  for (var i = 0; i < canvases.length; i++) {
    var spec = data.charts && data.charts[canvases[i].getAttribute('data-chart')];
    if (spec) new Chart(canvases[i], config(spec));
  }
})();
