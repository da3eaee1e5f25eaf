// Small behaviours of the portal; no inline scripts (the CSP forbids them).
document.addEventListener("DOMContentLoaded", function () {
  // Confirm destructive buttons that carry data-confirm.
  document.body.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Auto-submit filter selects marked with data-autosubmit.
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
});

// A form that autosaves with htmx is sent only once its autosave is answered: the version it carries is then current.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-hx-post") || !form.classList.contains("htmx-request")) return;
  event.preventDefault();
  var submitter = event.submitter;
  form.addEventListener("htmx:afterSettle", function () { form.requestSubmit(submitter); }, { once: true });
});

// A date range filter has one label for its two boxes (django-filter's RangeWidget; Django gives a
// MultiWidget's label no «for»): each box is named by the label and its end, «… — с» and «… — по».
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[id$='_0']").forEach(function (first) {
    var base = first.id.slice(0, -2);
    var wrapper = document.getElementById("div_" + base);
    var label = wrapper && wrapper.querySelector("label, legend");
    if (!label || document.querySelector("label[for='" + first.id + "']")) return;
    var text = label.textContent.replace(/\(с — по\)/, "").replace("*", "").trim();
    ["с", "по"].forEach(function (end, index) {
      var box = document.getElementById(base + "_" + index);
      if (box && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", text + " — " + end);
    });
  });
});

// A filter panel collapsed behind its «Фильтры» summary opens by itself on a wide screen (without
// JavaScript it stays a <details> the visitor opens with one tap).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.matchMedia("(min-width: 992px)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
});

// «Скопировать ссылку»: copies the link to the clipboard; without JavaScript (or without a clipboard)
// the link opens the box with the address to select by hand.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  var status = link.parentElement.querySelector("[data-copy-status]");
  navigator.clipboard.writeText(link.getAttribute("data-copy-link")).then(
    function () { if (status) status.textContent = "Ссылка скопирована"; },
    function () { window.location.hash = link.hash; }
  );
});
