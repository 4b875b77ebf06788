/*
 * Cost simulator page behaviour (progressive enhancement: the page works without it).
 *
 * - Draws the comparison bar chart with ECharts from the JSON the server embeds with
 *   json_script (#simulator-chart-data), and draws it again whenever htmx swaps in a new one.
 * - Lets htmx swap 400 responses (invalid input): they carry the error summary and the fields
 *   again (out of band), each with its errors, aria-describedby and aria-invalid from the server.
 * - Moves focus to the error summary after a swap so keyboard and screen-reader users find it.
 */
(function () {
  "use strict";

  var chart = null;
  var resizeBound = false;

  function locale() {
    var lang = (document.documentElement.getAttribute("lang") || "ja").toLowerCase();
    return lang.indexOf("en") === 0 ? "EN" : "JA";
  }

  function yen(value) {
    var loc = locale() === "EN" ? "en-US" : "ja-JP";
    return Number(value).toLocaleString(loc) + (locale() === "EN" ? " yen" : "円");
  }

  function readData(container) {
    var id = container.getAttribute("data-chart-data");
    var node = id ? document.getElementById(id) : null;
    if (!node) {
      return null;
    }
    try {
      return JSON.parse(node.textContent);
    } catch (err) {
      return null;
    }
  }

  function option(data, container) {
    var bars = data.totals.map(function (total, i) {
      var selected = data.codes[i] === data.selected;
      return {
        value: total,
        itemStyle: { color: selected ? "#ac3e00" : "#0017c1" }
      };
    });
    return {
      aria: {
        enabled: true,
        label: { description: container.getAttribute("aria-label") || "" },
        decal: { show: true }
      },
      animation: !window.matchMedia("(prefers-reduced-motion: reduce)").matches,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: yen
      },
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: "value",
        splitNumber: 3,
        axisLabel: {
          color: "#1a1a1a",
          hideOverlap: true,
          formatter: function (value) { return Number(value).toLocaleString(); }
        },
        splitLine: { lineStyle: { color: "#d8d8d8" } }
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: data.categories,
        axisLabel: { color: "#1a1a1a", fontSize: 13 },
        axisTick: { alignWithLabel: true }
      },
      series: [{
        name: data.seriesName,
        type: "bar",
        data: bars,
        barMaxWidth: 18,
        markLine: {
          symbol: "none",
          silent: true,
          lineStyle: { color: "#1a1a1a", type: "dashed", width: 2 },
          label: {
            position: "start",
            color: "#1a1a1a",
            formatter: data.baselineName
          },
          data: [{ xAxis: data.baseline }]
        }
      }]
    };
  }

  function draw() {
    if (typeof window.echarts === "undefined") {
      return;
    }
    var container = document.getElementById("simulator-chart");
    if (chart) {
      chart.dispose();
      chart = null;
    }
    if (!container) {
      return;
    }
    var data = readData(container);
    if (!data || !data.totals || !data.totals.length) {
      return;
    }
    chart = window.echarts.init(container, null, { locale: locale(), renderer: "svg" });
    chart.setOption(option(data, container));
    if (!resizeBound) {
      resizeBound = true;
      window.addEventListener("resize", function () {
        if (chart) {
          chart.resize();
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", draw);

  // Invalid input answers 400 with the errors to show: swap it like a success.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Back/forward restores the page from htmx's history cache without a chart instance.
  document.body.addEventListener("htmx:historyRestore", draw);

  document.body.addEventListener("htmx:afterSettle", function () {
    draw();
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
