// Draws the lift report's charts with ECharts (loaded before this file). Each chart is a
// <div class="chart" data-figures="{...}"> whose JSON holds: title, treatmentLabel, groups (names),
// treatment and control (conversion rates in percent, null where undefined). No inline script:
// the page's content security policy allows scripts from this service only.
(function () {
  "use strict";

  function draw(el) {
    var f = JSON.parse(el.getAttribute("data-figures"));
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      title: { text: f.title, left: 0, textStyle: { fontSize: 14 } },
      // Tooltips as plain text: HTML tooltips would need inline styles, which the policy refuses.
      tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: percent },
      legend: { top: 24, right: 0 },
      grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: f.groups, axisLabel: { interval: 0, rotate: f.groups.length > 4 ? 30 : 0 } },
      yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      series: [
        { name: f.treatmentLabel, type: "bar", data: f.treatment, itemStyle: { color: "#2b6cb0" } },
        { name: "Control", type: "bar", data: f.control, itemStyle: { color: "#a0aec0" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-rendered", "true");
  }

  function percent(v) {
    return v === null || v === undefined ? "-" : v.toFixed(2) + "%";
  }

  function drawAll() {
    var charts = document.querySelectorAll(".chart[data-figures]");
    for (var i = 0; i < charts.length; i++) {
      draw(charts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
