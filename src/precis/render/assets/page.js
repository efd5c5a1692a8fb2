/* precis web page: the request form. It posts to the service (POST v1/summarize, JSON body
 * or multipart with a file) and shows the answer's "view" with the report's viewer
 * (window.precisViewer from report.js). Errors from the service ({"error": {"message"}})
 * are shown in the error box as text.
 *
 * Work that may outlast a synchronous request's time limit (an input over data-job-bytes, a
 * URL, a model-written summary) goes as a background job instead (POST v1/jobs, the same
 * body), polled with GET v1/jobs/{id} until it ends; its progress is shown meanwhile
 * (issue 18: a 9.7 MB text failed after 30 s with a 504 and no hint).
 */
(function () {
  "use strict";

  var form = document.getElementById("precis-form");
  if (!form) return;
  var endpoint = form.dataset.endpoint || "v1/summarize";
  var jobsEndpoint = form.dataset.jobsEndpoint || "v1/jobs";
  var POLL_MS = 500;
  var STAGES = { load: "Reading the document", summarize: "Summarizing", check: "Checking" };
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
    var asJob = options.abstractive !== undefined;
    if (kind === "file") {
      var file = $("input-file").files[0];
      if (!file) throw new InputError("Choose a file to upload.");
      var body = new FormData();
      body.append("file", file, file.name);
      body.append("options", JSON.stringify(options));
      return { method: "POST", headers: headers, body: body, asJob: asJob || file.size > jobBytes() };
    }
    if (kind === "url") {
      var url = text("input-url");
      if (!url) throw new InputError("Give the address of a page or a PDF.");
      options.url = url;
      asJob = true; // its size is unknown until fetched
    } else {
      var pasted = $("input-text").value;
      if (!pasted.trim()) throw new InputError("Paste some text to summarize.");
      options.text = pasted;
      options.format = $("input-format").value;
      asJob = asJob || pasted.length > jobBytes();
    }
    headers["Content-Type"] = "application/json";
    return { method: "POST", headers: headers, body: JSON.stringify(options), asJob: asJob };
  }

  /* Inputs larger than this (bytes of a file, characters of pasted text) go as a job. */
  function jobBytes() {
    var n = Number(form.dataset.jobBytes);
    return n > 0 ? n : 1000000;
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
  var activity = "Summarizing";
  var started = 0;
  function tick() {
    var seconds = Math.round((Date.now() - started) / 1000);
    status.textContent = activity + "\u2026" + (seconds ? " " + seconds + " s" : "");
  }
  function busy(on, what) {
    submit.disabled = on;
    if (timer) clearInterval(timer);
    timer = null;
    if (!on) return;
    started = Date.now();
    activity = what || "Summarizing";
    tick();
    timer = setInterval(tick, 1000);
  }
  function doing(what) {
    if (what === activity) return;
    activity = what;
    tick();
  }

  /* "Summarizing 3 of 12" from a job's progress ({stage, done, total}). */
  function describe(job) {
    if (job.status === "queued") return "Waiting for a free worker";
    var p = job.progress;
    if (!p) return "Summarizing";
    var label = STAGES[p.stage] || p.stage.charAt(0).toUpperCase() + p.stage.slice(1);
    return p.total ? label + " " + (p.done || 0) + " of " + p.total : label;
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
    var asJob = request.asJob;
    delete request.asJob;
    busy(true, asJob ? "Sending" : "Summarizing");
    fetch(asJob ? jobsEndpoint : endpoint, request).then(
      function (response) {
        return readJson(response).then(function (answer) {
          if (!response.ok) {
            fail(answer && answer.error, response);
          } else if (asJob) {
            doing("Waiting for a free worker");
            follow(jobsEndpoint + "/" + encodeURIComponent(answer.id), request.headers);
          } else {
            busy(false);
            show(answer);
          }
        });
      },
      unreachable
    );
  });

  function fail(err, response) {
    busy(false);
    status.textContent = "";
    showError(
      err && err.message
        ? err.message
        : "The service answered " + response.status + " " + response.statusText + ".",
      err && err.code
    );
  }

  function unreachable(e) {
    busy(false);
    status.textContent = "";
    showError("Could not reach the service: " + (e && e.message ? e.message : e));
  }

  /* Poll a job until it is done (show its result) or failed (show its error). */
  function follow(location, headers) {
    var get = { method: "GET", headers: { Accept: "application/json" } };
    if (headers.Authorization) get.headers.Authorization = headers.Authorization;
    fetch(location, get).then(function (response) {
      return readJson(response).then(function (job) {
        if (!response.ok || !job) {
          fail(job && job.error, response);
        } else if (job.status === "done") {
          busy(false);
          show(job.result);
        } else if (job.status === "failed") {
          fail(job.error || { message: "The job failed." }, response);
        } else {
          doing(describe(job));
          setTimeout(function () { follow(location, headers); }, POLL_MS);
        }
      });
    }, unreachable);
  }

  showSource();
  window.precisPage = { collectOptions: collectOptions, buildRequest: buildRequest };
})();
