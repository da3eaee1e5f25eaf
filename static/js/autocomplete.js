// Searchable selects: a <select data-autocomplete="/autocomplete/<source>/"> holds only the
// selected option(s); Tom Select asks the portal for one page of matches at a time.
// No inline scripts (the CSP forbids them): everything is wired from here.
(function () {
  "use strict";

  var TEXTS = {
    placeholder: "Начните вводить…",
    noResults: "Ничего не найдено",
    loading: "Загрузка…",
    failed: "Не удалось загрузить список",
    remove: "Убрать",
    clear: "Очистить"
  };

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function message(css, text) {
    return '<div class="' + css + ' px-2 py-1 text-muted small">' + escapeHtml(text) + "</div>";
  }

  // A field of the same form; in a formset row ("p-0-programs") the one of the same row ("p-0-college").
  function sibling(select, fieldName) {
    var cut = select.name.lastIndexOf("-");
    var name = (cut >= 0 ? select.name.slice(0, cut + 1) : "") + fieldName;
    return select.form ? select.form.elements.namedItem(name) : null;
  }

  function forwarded(select) {
    var spec = select.getAttribute("data-autocomplete-forward");
    return spec ? JSON.parse(spec) : {};
  }

  function pageUrl(select, query, page) {
    var url = new URL(select.getAttribute("data-autocomplete"), window.location.href);
    url.searchParams.set("q", query);
    url.searchParams.set("page", String(page));
    var spec = forwarded(select);
    Object.keys(spec).forEach(function (param) {
      var field = sibling(select, spec[param]);
      if (field && field.value) {
        url.searchParams.set(param, field.value);
      }
    });
    return url.toString();
  }

  function nextPage(url) {
    var next = new URL(url);
    next.searchParams.set("page", String(Number(next.searchParams.get("page") || "1") + 1));
    return next.toString();
  }

  function enhance(select) {
    if (select.tomselect || select.disabled) {
      return;
    }
    var plugins = { virtual_scroll: {} };
    if (select.multiple) {
      plugins.remove_button = { title: TEXTS.remove };
    } else if (!select.required) {
      plugins.clear_button = { title: TEXTS.clear };
    }
    var failed = false;
    var sent = {};  // query -> ids of the rows the portal sent for it
    var control = new TomSelect(select, {
      plugins: plugins,
      valueField: "id",
      labelField: "text",
      searchField: [],  // the portal has searched already
      maxOptions: null,
      preload: "focus",
      loadThrottle: 250,
      placeholder: TEXTS.placeholder,
      // The portal has searched; rows kept from the page (the chosen ones) are matched here by their text.
      score: function (query) {
        var words = query.toLowerCase().split(/\s+/).filter(Boolean);
        return function (item) {
          if (sent[query] && sent[query][item.id]) {
            return 1;
          }
          var text = String(item.text).toLowerCase();
          return words.every(function (word) { return text.indexOf(word) >= 0; }) ? 1 : 0;
        };
      },
      firstUrl: function (query) { return pageUrl(select, query, 1); },
      load: function (query, callback) {
        var self = this;
        var url = self.getUrl(query);
        failed = false;
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(String(response.status));
            }
            return response.json();
          })
          .then(function (data) {
            var ids = sent[query] || (sent[query] = {});
            data.results.forEach(function (row) { ids[row.id] = true; });
            if (data.more) {
              self.setNextUrl(query, nextPage(url));
            }
            callback(data.results);
          })
          .catch(function () {
            failed = true;
            callback();
          });
      },
      render: {
        no_results: function () { return message("no-results", failed ? TEXTS.failed : TEXTS.noResults); },
        loading: function () { return message("loading", TEXTS.loading); },
        loading_more: function () { return message("loading-more-results", TEXTS.loading); },
        no_more_results: function () { return null; }
      }
    });
    carryState(select, control);
    watchForwarded(select, control);
  }

  // Tom Select moves the label to its own text box and hides the original <select>: the hidden one
  // leaves the accessibility tree, and the error state Django put on it (aria-invalid, the error's
  // id in aria-describedby) goes to the box a person uses.
  function carryState(select, control) {
    select.setAttribute("aria-hidden", "true");
    ["aria-invalid", "aria-describedby", "aria-required"].forEach(function (name) {
      var value = select.getAttribute(name);
      if (value) {
        control.control_input.setAttribute(name, value);
      }
    });
    if (select.getAttribute("aria-invalid") === "true") {
      control.wrapper.classList.add("is-invalid");
    }
  }

  // Another field narrows this one (the programs of the chosen college): when it changes, what was
  // chosen and loaded here no longer applies.
  function watchForwarded(select, control) {
    var spec = forwarded(select);
    Object.keys(spec).forEach(function (param) {
      var field = sibling(select, spec[param]);
      if (!field) {
        return;
      }
      field.addEventListener("change", function () {
        if (!select.tomselect) {
          return;
        }
        control.clear(true);
        control.destroy();
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if (option.value !== "") {
            option.remove();
          }
        });
        enhance(select);
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }, { once: true });
    });
  }

  function enhanceWithin(root) {
    if (typeof window.TomSelect === "undefined") {
      return;  // the plain <select> with its selected option still works
    }
    root.querySelectorAll("select[data-autocomplete]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceWithin(document);
    document.body.addEventListener("htmx:load", function (event) { enhanceWithin(event.target); });
  });
})();
