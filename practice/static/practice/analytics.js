// Charts of the practice analytics page; the numbers come from the json_script block «practice-charts».
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("practice-charts");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var blue = "#2f5d8a";
  var light = "#8aa9c8";
  var percentAxis = { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + " %"; } } };

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      new Chart(canvas, config);
    }
  }

  function rates(series, type) {
    return {
      type: type,
      data: {
        labels: series.labels,
        datasets: [
          { label: "Трудоустроены", data: series.employed, backgroundColor: light, borderColor: light },
          { label: "По специальности", data: series.by_specialty, backgroundColor: blue, borderColor: blue }
        ]
      },
      options: { responsive: true, scales: { y: percentAxis } }
    };
  }

  draw("chart-by-year", rates(data.by_year, "line"));
  draw("chart-by-college", rates(data.by_college, "bar"));
  draw("chart-factors", {
    type: "bar",
    data: {
      labels: data.factors.labels,
      datasets: [
        { label: "С фактором", data: data.factors.exposed, backgroundColor: blue },
        { label: "Без фактора", data: data.factors.unexposed, backgroundColor: light }
      ]
    },
    options: { indexAxis: "y", responsive: true, scales: { x: percentAxis } }
  });
  draw("chart-formats", {
    type: "bar",
    data: {
      labels: data.formats.labels,
      datasets: [{ label: "По специальности, %", data: data.formats.rate, backgroundColor: blue }]
    },
    options: { responsive: true, plugins: { legend: { display: false } }, scales: { y: percentAxis } }
  });
});
