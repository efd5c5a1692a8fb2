/* precis web page: the request form. It posts to the service (POST v1/summarize, JSON body
 * or multipart with a file) and shows the answer's "view" with the report's viewer
 * (window.precisViewer from report.js). Errors from the service ({"error": {"message"}})
 * are shown in the error box as text.
 */
(function () {
  "use strict";

  var form = document.getElementById("precis-form");
  if (!form) return;
  var endpoint = form.dataset.endpoint || "v1/summarize";
  var result = document.getElementById("precis-result");
  var errorBox = document.getElementById("error-box");
  var status = document.getElementById("status");
  var submit = document.getElementById("summarize-button");

  function $(id) { return document.getElementById(id); }

  function InputError(message) { this.message = message; }

  function sourceKind() {
    var checked = form.querySelector('input[name="source"]:checked');
    return checked ? checked.value : "text";
  }

  function showSource() {
    var kind = sourceKind();
    ["text", "file", "url"].forEach(function (k) { $("panel-" + k).hidden = k !== kind; });
  }

  function wholeNumber(id, label) {
    var raw = $(id).value.trim();
    if (!raw) return undefined;
    var n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new InputError(label + " must be a whole number of at least 1.");
    return n;
  }

  function text(id) {
    var v = $(id).value.trim();
    return v || undefined;
  }

  /* The options object of the request contract (without text/url). */
  function collectOptions() {
    var options = { view: true };
    var method = text("opt-method");
    if (method) options.method = method;
    var budget = wholeNumber("opt-budget", "Length");
    if (budget !== undefined) options[$("opt-budget-unit").value] = budget;
    var perSection = wholeNumber("opt-per-section", "Per section");
    if (perSection !== undefined) options.per_section = perSection;
    var keyphrases = wholeNumber("opt-keyphrases", "Key phrases");
    if (keyphrases !== undefined) options.keyphrases = keyphrases;
    var query = text("opt-query");
    if (query) options.query = query;
    if ($("opt-abstractive").checked) {
      var abstractive = { guard: $("opt-guard").value };
      var model = text("opt-model");
      var remote = text("opt-remote-model");
      if (model) abstractive.model = model;
      if (remote) abstractive.remote_model = remote;
      options.abstractive = abstractive;
    }
    return options;
  }

  /* The fetch() init for the current form: JSON, or multipart for an uploaded file. */
  function buildRequest() {
    var options = collectOptions();
    var headers = { Accept: "application/json" };
    var key = $("opt-api-key").value.trim();
    if (key) headers.Authorization = "Bearer " + key;
    var kind = sourceKind();
    if (kind === "file") {
      var file = $("input-file").files[0];
      if (!file) throw new InputError("Choose a file to upload.");
      var body = new FormData();
      body.append("file", file, file.name);
      body.append("options", JSON.stringify(options));
      return { method: "POST", headers: headers, body: body };
    }
    if (kind === "url") {
      var url = text("input-url");
      if (!url) throw new InputError("Give the address of a page or a PDF.");
      options.url = url;
    } else {
      var pasted = $("input-text").value;
      if (!pasted.trim()) throw new InputError("Paste some text to summarize.");
      options.text = pasted;
      options.format = $("input-format").value;
    }
    headers["Content-Type"] = "application/json";
    return { method: "POST", headers: headers, body: JSON.stringify(options) };
  }

  function showError(message, code) {
    errorBox.textContent = message;
    if (code) {
      var small = document.createElement("span");
      small.className = "error-code";
      small.textContent = " (" + code + ")";
      errorBox.appendChild(small);
    }
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
  }

  var timer = null;
  function busy(on) {
    submit.disabled = on;
    if (timer) clearInterval(timer);
    timer = null;
    if (!on) return;
    var started = Date.now();
    status.textContent = "Summarizing\u2026";
    timer = setInterval(function () {
      status.textContent = "Summarizing\u2026 " + Math.round((Date.now() - started) / 1000) + " s";
    }, 1000);
  }

  function readJson(response) {
    return response.text().then(function (body) {
      try { return JSON.parse(body); } catch (e) { return null; }
    });
  }

  function show(answer) {
    if (!answer || !answer.view) {
      showError("The service answered without a view to show.");
      return;
    }
    result.hidden = false;
    window.precisViewer.mount(result, answer.view, {
      markdown: answer.markdown,
      headingLevel: 2,
    });
    var seconds = typeof answer.seconds === "number" ? " in " + answer.seconds.toFixed(1) + " s" : "";
    status.textContent = "Done" + seconds + ".";
    result.scrollIntoView({ block: "start" });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "source") showSource();
  });
  $("opt-model").addEventListener("input", function () {
    if ($("opt-model").value.trim()) $("opt-abstractive").checked = true;
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearError();
    var request;
    try {
      request = buildRequest();
    } catch (e) {
      if (e instanceof InputError) {
        showError(e.message);
        return;
      }
      throw e;
    }
    busy(true);
    fetch(endpoint, request).then(
      function (response) {
        return readJson(response).then(function (answer) {
          busy(false);
          if (response.ok) {
            show(answer);
            return;
          }
          var err = answer && answer.error;
          status.textContent = "";
          showError(
            err && err.message
              ? err.message
              : "The service answered " + response.status + " " + response.statusText + ".",
            err && err.code
          );
        });
      },
      function (e) {
        busy(false);
        status.textContent = "";
        showError("Could not reach the service: " + (e && e.message ? e.message : e));
      }
    );
  });

  showSource();
  window.precisPage = { collectOptions: collectOptions, buildRequest: buildRequest };
})();
