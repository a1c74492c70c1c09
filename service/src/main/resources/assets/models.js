// The models page's chart: the holdout figures of each model over time, from the JSON in the
// chart element's data-series attribute (the CSP allows no inline script). ECharts is loaded
// before this file (both deferred, in order).
(function () {
  'use strict';

  function draw() {
    var el = document.getElementById('holdout-chart');
    if (!el || !window.echarts) {
      return;
    }
    var points = JSON.parse(el.getAttribute('data-series') || '[]');
    if (points.length === 0) {
      el.textContent = 'No model has holdout figures yet.';
      return;
    }
    var labels = points.map(function (p) { return 'v' + p.version; });
    function series(name, key, dashed) {
      return {
        name: name,
        type: 'line',
        data: points.map(function (p) { return p[key]; }),
        symbolSize: 7,
        lineStyle: dashed ? { type: 'dashed' } : {}
      };
    }
    // Canvas, not SVG: the SVG renderer styles its text with style attributes, which the CSP
    // (style-src 'self') drops, so the legend's labels were laid out for one font and drawn in
    // another, overlapping.
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'axis',
        valueFormatter: function (v) { return v == null ? '-' : v.toFixed(4); }
      },
      legend: { type: 'scroll', top: 0, itemGap: 16 },
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      xAxis: { type: 'category', data: labels, name: 'model', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [
        series('NDCG', 'ndcg', false),
        series('Recall', 'recall', false),
        series('Hit rate', 'hitRate', false),
        series('Popularity NDCG', 'popularityNdcg', true),
        series('Popularity recall', 'popularityRecall', true)
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    el.setAttribute('data-rendered', 'true');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
