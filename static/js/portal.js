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
  if (!form.hasAttribute("hx-post") || !form.classList.contains("htmx-request")) return;
  event.preventDefault();
  var submitter = event.submitter;
  form.addEventListener("htmx:afterSettle", function () { form.requestSubmit(submitter); }, { once: true });
});

// A date range filter has one label for its two boxes (django-filter's RangeWidget): each box is named
// by the label and its end, «… — с» and «… — по».
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("label[for]").forEach(function (label) {
    var id = label.getAttribute("for");
    if (document.getElementById(id)) return;
    ["с", "по"].forEach(function (end, index) {
      var box = document.getElementById(id + "_" + index);
      if (box && !box.hasAttribute("aria-label")) {
        box.setAttribute("aria-label", label.textContent.replace(/\(с — по\)/, "").trim() + " — " + end);
      }
    });
  });
});
