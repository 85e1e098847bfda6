/* Program 4.3 portal: progressive enhancement of the forms (every page works without it).
   Loaded with `defer` from base.html; no inline script, so the CSP stays script-src 'self'.
   - the error summary takes the focus, and its links focus the control they name;
   - a select narrowed by another control (a forum's meetings, a meeting's outcome documents)
     is narrowed at once when that control changes (core.forms.NarrowingSelect);
   - choosing a meeting fills the city and country left empty (or filled by it before);
   - a long group of checkboxes gets a box that filters it;
   - evidence files chosen before a failed submit are chosen again (IndexedDB; see keepFiles). */
(function () {
  "use strict";
  var script = document.currentScript;
  var text = (script && script.dataset) || {};

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    if (document.activeElement !== summary) summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      var group = target.closest("fieldset");
      var label = (group && group.querySelector("legend")) ||
        document.querySelector("label[for='" + target.id + "']") || target;
      label.scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  function optionSource(select) {
    var template = select.dataset.options && document.getElementById(select.dataset.options);
    var from = template ? template.content.querySelector("select") : null;
    return (from || select).cloneNode(true);
  }

  function narrow(select, source) {
    var control = document.getElementById(select.dataset.narrowBy);
    if (!control) return;
    var key = "data-" + select.dataset.narrowKey;
    var wanted = control.value;
    var chosen = select.value;
    var fragment = document.createDocumentFragment();
    Array.prototype.forEach.call(source.children, function (child) {
      if (child.tagName === "OPTION") {
        if (!child.hasAttribute(key) || !wanted || child.getAttribute(key) === wanted) {
          fragment.appendChild(child.cloneNode(true));
        }
        return;
      }
      var group = child.cloneNode(false);
      Array.prototype.forEach.call(child.children, function (option) {
        if (!wanted || option.getAttribute(key) === wanted) group.appendChild(option.cloneNode(true));
      });
      if (group.children.length) fragment.appendChild(group);
    });
    select.replaceChildren(fragment);
    select.value = chosen;
    if (select.value !== chosen) select.value = "";
    if (select.value !== chosen) select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function narrowSelects() {
    document.querySelectorAll("select[data-narrow-by]").forEach(function (select) {
      var source = optionSource(select);
      var control = document.getElementById(select.dataset.narrowBy);
      if (!control) return;
      control.addEventListener("change", function () { narrow(select, source); });
      if (select.dataset.options && document.getElementById(select.dataset.options)) narrow(select, source);
    });
    document.querySelectorAll("[data-without-script]").forEach(function (element) {
      element.hidden = true;
    });
  }

  function fillPlace() {
    var meeting = document.getElementById("id_meeting");
    var city = document.getElementById("id_city");
    var country = document.getElementById("id_country");
    if (!meeting || !city) return;
    var filled = { city: null, country: null };
    meeting.addEventListener("change", function () {
      var option = meeting.selectedOptions[0];
      if (!option || !option.dataset.city && !option.dataset.country) return;
      if (!city.value || city.value === filled.city) {
        city.value = filled.city = option.dataset.city || "";
      }
      if (country && (!country.value || country.value === filled.country)) {
        country.value = filled.country = option.dataset.country || "";
      }
    });
  }

  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function filterCheckboxes() {
    var counter = 0;
    document.querySelectorAll("div.checkbox-group").forEach(function (group) {
      var items = Array.prototype.filter.call(group.children, function (child) {
        return child.querySelector("input[type=checkbox]");
      });
      if (items.length <= 8 || !text.filterLabel) return;
      counter += 1;
      var wrapper = document.createElement("div");
      wrapper.className = "checkbox-filter";
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "search";
      input.id = "checkbox-filter-" + counter;
      input.setAttribute("aria-controls", group.id);
      label.htmlFor = input.id;
      label.textContent = text.filterLabel;
      wrapper.append(label, input);
      group.before(wrapper);
      input.addEventListener("input", function () {
        var query = fold(input.value.trim());
        items.forEach(function (item) {
          var box = item.querySelector("input");
          item.hidden = Boolean(query) && !box.checked && fold(item.textContent).indexOf(query) === -1;
        });
      });
    });
  }

  /* Browsers never let a page put files back into a file input from the server; they do let a
     script keep the File objects in IndexedDB and set them again with a DataTransfer (Chrome,
     Edge, Firefox, Safari 14.1 and later). The files stay in this browser only, for the page that
     refused them, and are deleted as soon as any other page opens. */
  var STORE = "chosen-files";

  function database() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open("portal-forms", 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function keepFiles() {
    var lost = document.querySelector("[data-files-lost]");
    var form = document.querySelector("form[data-keep-files]");
    database().then(function (db) {
      var input = form && form.querySelector("input[type=file]");
      if (lost && input && window.DataTransfer) {
        var read = db.transaction(STORE).objectStore(STORE).get(location.pathname);
        read.onsuccess = function () {
          var files = read.result || [];
          if (!files.length) return;
          var transfer = new DataTransfer();
          files.forEach(function (file) { transfer.items.add(file); });
          input.files = transfer.files;
          if (text.filesKept) {
            lost.textContent = text.filesKept + " " + files.map(function (f) { return f.name; }).join(", ");
            lost.className = "message message-info";
          }
        };
      } else {
        db.transaction(STORE, "readwrite").objectStore(STORE).clear();
      }
      if (form && input) {
        var stored = false;
        form.addEventListener("submit", function (event) {
          if (stored) return;
          var files = Array.prototype.slice.call(input.files || []);
          if (!files.length) {
            db.transaction(STORE, "readwrite").objectStore(STORE).delete(location.pathname);
            return;
          }
          // keep the files before the page goes, then send the form as the button asked
          event.preventDefault();
          var submitter = event.submitter;
          var transaction = db.transaction(STORE, "readwrite");
          transaction.objectStore(STORE).put(files, location.pathname);
          transaction.oncomplete = transaction.onerror = function () {
            stored = true;
            if (form.requestSubmit) form.requestSubmit(submitter || undefined); else form.submit();
          };
        });
      }
    }).catch(function () { /* private browsing without IndexedDB: the warning stays */ });
  }

  function start() {
    focusErrorSummary();
    narrowSelects();
    fillPlace();
    filterCheckboxes();
    keepFiles();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
