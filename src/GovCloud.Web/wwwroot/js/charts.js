// Apache ECharts for the pages' charts, driven from Blazor (IJSRuntime "govcloudCharts.line"). The library (lib/echarts) is
// loaded on the first chart only: the sign-in page and most pages never need it.
window.govcloudCharts = (function () {
  var loading = null;
  function library() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("lib/echarts/echarts.common.min.js", document.baseURI).href; // behind a path prefix too
        script.onload = function () { resolve(window.echarts); };
        script.onerror = function () { loading = null; reject(new Error("图表组件加载失败")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  var resizing = false;
  function watchResize() {
    if (resizing) return;
    resizing = true;
    window.addEventListener("resize", function () {
      document.querySelectorAll("[data-gc-chart]").forEach(function (el) {
        var chart = window.echarts && window.echarts.getInstanceByDom(el);
        if (chart) chart.resize();
      });
    });
  }

  // A line chart of daily figures: chart = { days: [...], unit: "%", max: 100 | null, series: [{ name, values: [...] }] }.
  function line(element, chart) {
    return library().then(function (echarts) {
      if (!element) return;
      element.setAttribute("data-gc-chart", "");
      var instance = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: "svg" });
      instance.setOption({
        animation: false,
        color: ["#1677ff", "#52c41a", "#fa8c16", "#722ed1", "#eb2f96"],
        tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "无数据" : v + " " + chart.unit; } },
        legend: { top: 0 },
        grid: { left: 48, right: 24, top: 36, bottom: 28 },
        xAxis: { type: "category", data: chart.days, boundaryGap: false },
        yAxis: { type: "value", max: chart.max == null ? null : chart.max, axisLabel: { formatter: "{value} " + chart.unit } },
        series: chart.series.map(function (s) { return { name: s.name, type: "line", showSymbol: chart.days.length <= 31, connectNulls: false, data: s.values }; })
      }, true);
      watchResize();
    });
  }

  function dispose(element) {
    var chart = element && window.echarts && window.echarts.getInstanceByDom(element);
    if (chart) chart.dispose();
  }

  return { line: line, dispose: dispose };
})();
