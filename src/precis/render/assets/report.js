/* precis viewer (issue 5): a summary beside its source text.
 *
 * Input: the JSON of precis.render.view.view_data (the clean text once; sections, paragraphs
 * and sentences as offsets; salience; the extractive summary or the abstractive parts).
 * Plain DOM, no framework, no build step. Documents are hostile: every string from the data
 * goes into the DOM through textContent, never innerHTML. The source is built in one pass
 * over paragraphs and sentences into a DocumentFragment, so a document with tens of
 * thousands of sentences renders in linear time.
 */
(function () {
  "use strict";

  var HEAT_BUCKETS = 10;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(id, label, title) {
    var b = el("button", "pv-button", label);
    b.type = "button";
    if (id) b.id = id;
    if (title) b.title = title;
    return b;
  }

  function plural(n, word) {
    return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s");
  }

  function heatBucket(value) {
    var b = Math.floor((Number(value) || 0) * HEAT_BUCKETS);
    return Math.max(0, Math.min(HEAT_BUCKETS - 1, b));
  }

  function budgetText(budget) {
    if (!budget) return "";
    var parts = [];
    Object.keys(budget).forEach(function (key) {
      var v = budget[key];
      if (v === null || v === undefined) return;
      if (key === "ratio") parts.push(Math.round(v * 100) + "% of the sentences");
      else if (key === "chars") parts.push(plural(v, "character"));
      else if (key === "sentences") parts.push(plural(v, "sentence"));
      else if (key === "words") parts.push(plural(v, "word"));
      else parts.push(key + " " + v);
    });
    return parts.join(", ");
  }

  /* ---- the source text: headings, paragraphs, one span per sentence ---- */

  var READ_ROLES = ["body", "abstract", "list_item", "title", "heading"];
  var ROLE_NAMES = {
    abstract: "Abstract", title: "Title", author: "Authors", affiliation: "Affiliation",
    email: "E-mail", keywords: "Keywords", footnote: "Footnote", caption: "Caption",
    table: "Table", equation: "Equation", pull_quote: "Pull quote", algorithm: "Algorithm",
    references: "References", acknowledgements: "Acknowledgements", appendix: "Appendix",
    toc: "Contents", list_item: "List item", cover: "Cover",
    journal_line: "Journal line", front_matter: "Front matter"
  };

  function buildSource(data, base) {
    var text = data.text || "";
    var sents = data.sentences || [];
    var paras = data.paragraphs && data.paragraphs.length
      ? data.paragraphs
      : [{ start: 0, end: text.length, kind: "body" }];
    var salience = Array.isArray(data.salience) ? data.salience : null;
    var levels = new Map();
    (data.sections || []).forEach(function (s) { levels.set(s.start, s.level || 1); });
    var spans = new Array(sents.length);
    var frag = document.createDocumentFragment();
    var si = 0;
    var page = null;
    for (var pi = 0; pi < paras.length; pi++) {
      var p = paras[pi];
      if (p.kind === "heading") {
        var level = Math.min(6, base + 1 + (levels.get(p.start) || 1));
        frag.appendChild(el("h" + level, "src-heading", text.slice(p.start, p.end)));
        continue;
      }
      while (si < sents.length && sents[si].end <= p.start) si++;
      if (si < sents.length && sents[si].start < p.end) {
        var first = sents[si].page;
        if (first !== null && first !== undefined && first !== page) {
          frag.appendChild(el("div", "page-mark", "Page " + first));
          page = first;
        }
      }
      var para = el("p", "src-para");
      if (p.kind && p.kind !== "body") {
        /* a block outside the reading flow (footnote, caption, references, front matter) or
           the abstract: labelled with its role, greyed unless it is read (issue 14) */
        para.dataset.role = p.kind;
        para.title = ROLE_NAMES[p.kind] || p.kind;
        if (READ_ROLES.indexOf(p.kind) < 0) para.className += " src-aside";
        para.addEventListener("click", function () { this.classList.toggle("src-open"); });
      }
      if (p.kind === "list_item") {
        /* the bullet or number sits before the item's block: layout, shown, never a sentence */
        var marker = text.slice(pi ? paras[pi - 1].end : 0, p.start).trim();
        if (marker) para.appendChild(el("span", "src-marker", marker + " "));
      }
      var pos = p.start;
      while (si < sents.length && sents[si].start < p.end) {
        var s = sents[si];
        var a = Math.max(s.start, p.start);
        var b = Math.min(s.end, p.end);
        if (a > pos) para.appendChild(document.createTextNode(text.slice(pos, a)));
        var span = el("span", "sentence", text.slice(a, b));
        if (salience) span.className += " heat-" + heatBucket(salience[si]);
        if (!spans[si]) {
          span.id = "sent-" + si;
          spans[si] = span;
        }
        para.appendChild(span);
        pos = b;
        if (s.end <= p.end) si++;
        else break; /* a sentence over a paragraph break continues in the next one */
      }
      if (pos < p.end) para.appendChild(document.createTextNode(text.slice(pos, p.end)));
      frag.appendChild(para);
    }
    return { fragment: frag, spans: spans };
  }

  /* ---- the summary: one focusable item per sentence ---- */

  function item(tag, className, text, targets) {
    var li = el(tag, className);
    li.tabIndex = 0;
    li.dataset.sentences = targets.join(" ");
    li.appendChild(el("span", "item-text", text));
    if (!targets.length) li.classList.add("no-source");
    li.title = targets.length ? "Show in the source" : "No source sentence to show";
    return li;
  }

  function pageOf(data, index) {
    var s = (data.sentences || [])[index];
    return s && s.page !== null && s.page !== undefined ? s.page : null;
  }

  function extractiveSummary(data, base) {
    var frag = document.createDocumentFragment();
    var entries = data.summary || [];
    var byIndex = new Map(entries.map(function (e) { return [e.sentence, e]; }));
    var groups = data.summary_sections && data.summary_sections.length
      ? data.summary_sections.map(function (sec) {
          return {
            heading: sec.heading,
            entries: sec.sentences.map(function (i) { return byIndex.get(i); }).filter(Boolean),
          };
        })
      : [{ heading: null, entries: entries }];
    var number = 0;
    groups.forEach(function (group) {
      if (group.heading) frag.appendChild(el("h" + Math.min(6, base + 2), "sum-heading", group.heading));
      var list = el("ol", "summary-list");
      group.entries.forEach(function (e) {
        number++;
        var li = item("li", "summary-item", e.text, [e.sentence]);
        var where = pageOf(data, e.sentence);
        var meta = el("span", "item-meta", "sentence " + (e.sentence + 1) + (where === null ? "" : " \u00b7 p. " + where));
        li.appendChild(meta);
        list.appendChild(li);
      });
      frag.appendChild(list);
    });
    if (!number) frag.appendChild(el("p", "empty", "The summary is empty."));
    if (data.keyphrases && data.keyphrases.length) {
      frag.appendChild(el("h" + Math.min(6, base + 2), "sum-heading", "Key phrases"));
      var chips = el("ul", "keyphrases");
      data.keyphrases.forEach(function (k) { chips.appendChild(el("li", "keyphrase", k.text)); });
      frag.appendChild(chips);
    }
    return frag;
  }

  function verdict(li, s) {
    if (s.supported === false) {
      li.classList.add("unsupported");
      if (s.kept) li.insertBefore(el("span", "badge badge-warn", "Unsupported"), li.firstChild);
      if (s.unsupported && s.unsupported.length) {
        var box = el("div", "unsupported-items");
        box.appendChild(el("span", "unsupported-label", "Not in the source: "));
        var list = el("ul", "unsupported-list");
        s.unsupported.forEach(function (u) {
          var entry = el("li", "unsupported-item", u.text);
          if (u.kind) entry.title = u.kind;
          list.appendChild(entry);
        });
        box.appendChild(list);
        li.appendChild(box);
      }
    }
    var parts = [];
    if (s.score !== null && s.score !== undefined) parts.push("support " + Number(s.score).toFixed(2));
    if (s.evidence && s.evidence.length) parts.push(plural(s.evidence.length, "evidence sentence"));
    if (parts.length) li.appendChild(el("span", "item-meta", parts.join(" \u00b7 ")));
  }

  var REASONS = {
    unsupported: "not supported by the source",
    duplicate: "repeats an earlier sentence",
    budget: "over the length budget",
  };

  function abstractiveSummary(data, base) {
    var frag = document.createDocumentFragment();
    var dropped = [];
    var kept = 0;
    (data.parts || []).forEach(function (part) {
      var keep = part.sentences.filter(function (s) { return s.kept; });
      part.sentences.forEach(function (s) { if (!s.kept) dropped.push(s); });
      if (!keep.length) return;
      if (part.heading) frag.appendChild(el("h" + Math.min(6, base + 2), "sum-heading", part.heading));
      var list = el("ul", "summary-list abstract");
      keep.forEach(function (s) {
        kept++;
        var li = item("li", "summary-item", s.text, evidenceOf(s));
        verdict(li, s);
        list.appendChild(li);
      });
      frag.appendChild(list);
    });
    if (!kept) frag.appendChild(el("p", "empty", "No sentence of the model's summary was kept."));
    if (dropped.length) {
      var details = el("details", "dropped");
      details.appendChild(el("summary", null, "Dropped sentences (" + dropped.length + ")"));
      var list = el("ul", "dropped-list");
      dropped.forEach(function (s) {
        var li = item("li", "dropped-item", "", evidenceOf(s));
        li.replaceChild(el("del", "item-text", s.text), li.firstChild);
        li.dataset.reason = s.dropped || "";
        li.appendChild(el("span", "badge badge-drop", "Dropped: " + (REASONS[s.dropped] || s.dropped || "not kept")));
        verdict(li, s);
        list.appendChild(li);
      });
      details.appendChild(list);
      frag.appendChild(details);
    }
    return frag;
  }

  function evidenceOf(s) {
    return (s.evidence || []).map(function (e) { return e.sentence; });
  }

  /* ---- header, toolbar, downloads ---- */

  function slug(text) {
    var s = String(text || "summary").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return s.slice(0, 60) || "summary";
  }

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = el("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function markdownOf(data) {
    var lines = ["# " + (data.title || data.source_name || "Summary"), ""];
    if (data.mode === "abstractive") {
      (data.parts || []).forEach(function (part) {
        var kept = part.sentences.filter(function (s) { return s.kept; }).map(function (s) {
          return (s.supported === false ? "[unsupported] " : "") + s.text;
        });
        if (!kept.length) return;
        if (part.heading) lines.push("## " + part.heading, "");
        lines.push(kept.join(" "), "");
      });
    } else {
      (data.summary || []).forEach(function (e) { lines.push("- " + e.text); });
    }
    return lines.join("\n").trim() + "\n";
  }

  function metaLine(data) {
    var bits = [];
    if (data.source_name) bits.push(data.source_name);
    if (data.mode === "abstractive") {
      bits.push("abstractive: " + data.method);
      bits.push("guard: " + data.guard);
    } else {
      bits.push("method: " + data.method);
      var budget = budgetText(data.budget);
      if (budget) bits.push("budget: " + budget);
      if (data.query) bits.push("query: \u201c" + data.query + "\u201d");
    }
    bits.push(plural((data.sentences || []).length, "sentence") + " in the source");
    return bits.join(" \u00b7 ");
  }

  function header(data, base, raw, markdown) {
    var head = el("header", "pv-head");
    var titles = el("div", "pv-titles");
    titles.appendChild(el("h" + base, "pv-title", data.title || data.source_name || "Summary"));
    var meta = el("p", "pv-meta", metaLine(data));
    if (data.url && /^https?:\/\//i.test(data.url)) {
      meta.appendChild(document.createTextNode(" \u00b7 "));
      var link = el("a", "pv-url", data.url);
      link.href = data.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      meta.appendChild(link);
    }
    titles.appendChild(meta);
    head.appendChild(titles);

    var tools = el("div", "pv-tools");
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", "Report tools");
    var heat = button("toggle-heat", "Heat map", "Shade each source sentence by its salience");
    heat.setAttribute("aria-pressed", "false");
    if (!Array.isArray(data.salience)) {
      heat.disabled = true;
      heat.title = "No salience for this summary (query, per-section and abstractive summaries have none)";
    }
    var json = button("download-json", "JSON", "Download the report's data as JSON");
    var md = button("download-markdown", "Markdown", "Download the summary as Markdown");
    var name = slug(data.title || data.source_name);
    json.addEventListener("click", function () {
      download(name + ".json", "application/json", raw || JSON.stringify(data, null, 2));
    });
    md.addEventListener("click", function () {
      download(name + ".md", "text/markdown", markdown || markdownOf(data));
    });
    tools.appendChild(heat);
    tools.appendChild(json);
    tools.appendChild(md);
    head.appendChild(tools);
    return { node: head, heat: heat };
  }

  function legend() {
    var box = el("div", "heat-legend");
    box.setAttribute("aria-hidden", "true");
    box.appendChild(el("span", null, "low salience"));
    var bar = el("span", "heat-bar");
    for (var i = 0; i < HEAT_BUCKETS; i++) bar.appendChild(el("span", "heat-" + i));
    box.appendChild(bar);
    box.appendChild(el("span", null, "high"));
    return box;
  }

  /* ---- mount: the whole viewer into one element ---- */

  function mount(root, data, options) {
    options = options || {};
    var base = options.headingLevel || 1;
    var abstractive = data.mode === "abstractive";
    var top = header(data, base, options.raw, options.markdown);

    var summaryPane = el("aside", "pv-pane pv-summary");
    summaryPane.setAttribute("aria-label", "Summary");
    var kept = abstractive
      ? (data.parts || []).reduce(function (n, p) { return n + p.sentences.filter(function (s) { return s.kept; }).length; }, 0)
      : (data.summary || []).length;
    var sumTitle = el("h" + Math.min(6, base + 1), "pane-title", "Summary");
    sumTitle.appendChild(el("span", "pane-count", plural(kept, "sentence")));
    var sumHead = el("div", "pane-head");
    sumHead.appendChild(sumTitle);
    summaryPane.appendChild(sumHead);
    summaryPane.appendChild(el("p", "pane-hint", abstractive
      ? "Written by a model and checked against the source. Select a sentence to see its evidence."
      : "Sentences taken from the source. Select one to see it in place."));
    var summaryBody = el("div", "summary-body");
    summaryBody.appendChild(abstractive ? abstractiveSummary(data, base) : extractiveSummary(data, base));
    summaryPane.appendChild(summaryBody);

    var sourcePane = el("section", "pv-pane pv-source");
    sourcePane.setAttribute("aria-label", "Source text");
    var srcHead = el("div", "pane-head");
    var srcTitle = el("h" + Math.min(6, base + 1), "pane-title", "Source");
    srcTitle.appendChild(el("span", "pane-count", plural((data.sentences || []).length, "sentence")));
    srcHead.appendChild(srcTitle);
    if (Array.isArray(data.salience)) srcHead.appendChild(legend());
    sourcePane.appendChild(srcHead);
    var article = el("article", "source-text");
    var built = buildSource(data, base);
    article.appendChild(built.fragment);
    sourcePane.appendChild(article);
    var spans = built.spans;

    /* Mark the summary's sentences in place, and remember which item points at each. */
    var itemFor = new Map();
    summaryBody.querySelectorAll(".summary-item, .dropped-item").forEach(function (li) {
      var kind = li.classList.contains("dropped-item") ? null : abstractive ? "evidence" : "in-summary";
      targetsOf(li).forEach(function (i) {
        if (!spans[i]) return;
        if (kind) spans[i].classList.add(kind);
        if (!itemFor.has(i) && kind) itemFor.set(i, li);
      });
    });

    var panes = el("div", "pv-panes");
    panes.appendChild(summaryPane);
    panes.appendChild(sourcePane);
    root.classList.add("pv");
    root.replaceChildren(top.node, panes);

    var state = { current: [], active: null };

    function select(li) {
      state.current.forEach(function (s) { s.classList.remove("current", "flash"); });
      if (state.active) {
        state.active.classList.remove("active");
        state.active.removeAttribute("aria-current");
      }
      state.active = li;
      li.classList.add("active");
      li.setAttribute("aria-current", "true");
      state.current = targetsOf(li).map(function (i) { return spans[i]; }).filter(Boolean);
      if (!state.current.length) return;
      state.current.forEach(function (s) { s.classList.add("current"); });
      state.current[0].scrollIntoView({ block: "center", inline: "nearest" });
      void state.current[0].offsetWidth; /* restart the flash animation */
      state.current.forEach(function (s) { s.classList.add("flash"); });
    }

    summaryBody.addEventListener("click", function (event) {
      var li = event.target.closest(".summary-item, .dropped-item");
      if (li && summaryBody.contains(li)) select(li);
    });
    summaryBody.addEventListener("keydown", function (event) {
      var li = event.target.closest(".summary-item, .dropped-item");
      if (!li) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(li);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var all = Array.prototype.slice.call(summaryBody.querySelectorAll(".summary-item"));
        var next = all[all.indexOf(li) + (event.key === "ArrowDown" ? 1 : -1)];
        if (next) {
          event.preventDefault();
          next.focus();
        }
      }
    });
    /* The other way: a highlighted source sentence leads back to its summary item. */
    article.addEventListener("click", function (event) {
      var span = event.target.closest(".in-summary, .evidence");
      if (!span) return;
      var li = itemFor.get(Number(span.id.slice(5)));
      if (li) {
        li.scrollIntoView({ block: "nearest" });
        li.focus({ preventScroll: true });
        select(li);
      }
    });
    top.heat.addEventListener("click", function () {
      var on = sourcePane.classList.toggle("show-heat");
      top.heat.setAttribute("aria-pressed", on ? "true" : "false");
    });

    return {
      select: select,
      spans: spans,
      toggleHeat: function () { top.heat.click(); },
    };
  }

  function targetsOf(li) {
    var raw = li.dataset.sentences;
    return raw ? raw.split(" ").map(Number) : [];
  }

  window.precisViewer = { mount: mount, markdownOf: markdownOf };

  /* The self-contained report: its data is embedded in the page. */
  var embedded = document.getElementById("precis-data");
  var target = document.getElementById("precis-viewer");
  if (embedded && target) {
    var raw = embedded.textContent;
    var md = document.getElementById("precis-markdown");
    var started = performance.now();
    window.precisReport = mount(target, JSON.parse(raw), {
      raw: raw,
      markdown: md ? JSON.parse(md.textContent) : null,
    });
    target.dataset.renderMs = String(Math.round(performance.now() - started));
  }
})();
