/*
 * Region charts drawn with ECharts from data the page embeds with json_script.
 *
 * Markup: <div class="chart" role="img" aria-label="…" data-chart-data="ID"></div>
 * where #ID is a <script type="application/json"> holding
 *   {"type": "bar" | "line", "unit": "%", "categories": [...], "series": [{"name", "data"}]}.
 * Bars are drawn horizontally (long Japanese category names stay readable on a phone).
 * Every chart has a table beside it with the same figures; the chart is a visual aid only.
 */
(function () {
  "use strict";

  if (typeof window.echarts === "undefined") {
    return;
  }

  // Colours from the Digital Agency design tokens, distinguishable and high in contrast.
  var PALETTE = ["#0017c1", "#ac3e00", "#197a4b", "#6b0080", "#4d4d4d"];

  function pageLocale() {
    var lang = (document.documentElement.getAttribute("lang") || "ja").toLowerCase();
    return lang.indexOf("en") === 0 ? "EN" : "JA";
  }

  function formatNumber(value, unit, locale) {
    if (value === null || value === undefined || value === "-") {
      return "—";
    }
    var text = Number(value).toLocaleString(locale === "EN" ? "en-US" : "ja-JP");
    return unit ? text + unit : text;
  }

  function buildOption(spec, container, locale) {
    var horizontal = spec.type === "bar";
    var categoryAxis = {
      type: "category",
      data: spec.categories,
      inverse: horizontal,
      axisLabel: { color: "#1a1a1a", fontSize: 13 },
      axisTick: { alignWithLabel: true }
    };
    var valueAxis = {
      type: "value",
      axisLabel: {
        color: "#1a1a1a",
        formatter: function (value) { return formatNumber(value, spec.unit, locale); }
      },
      splitLine: { lineStyle: { color: "#d8d8d8" } }
    };
    var series = spec.series.map(function (item) {
      var entry = { name: item.name, type: spec.type, data: item.data };
      if (spec.type === "line") {
        entry.symbolSize = 7;
        entry.connectNulls = false;
      } else {
        entry.barMaxWidth = 18;
      }
      return entry;
    });
    return {
      color: PALETTE,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      aria: {
        enabled: true,
        label: { description: container.getAttribute("aria-label") || "" },
        decal: { show: true }
      },
      animation: !window.matchMedia("(prefers-reduced-motion: reduce)").matches,
      legend: { top: 0, textStyle: { color: "#1a1a1a" } },
      tooltip: {
        trigger: "axis",
        valueFormatter: function (value) { return formatNumber(value, spec.unit, locale); }
      },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series
    };
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-chart-data"));
    if (!source) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    var locale = pageLocale();
    var label = container.getAttribute("aria-label");
    var chart = window.echarts.init(container, null, { locale: locale, renderer: "canvas" });
    chart.setOption(buildOption(spec, container, locale));
    // ECharts writes its own aria-label; keep the page's (translated) description.
    if (label) {
      container.setAttribute("aria-label", label);
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    var containers = document.querySelectorAll("[data-chart-data]");
    for (var i = 0; i < containers.length; i += 1) {
      draw(containers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
