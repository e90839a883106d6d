// mindlex site script: term previews, search, live reload. It makes no third-party requests.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "/";
  var rootUrl = new URL(root, document.baseURI);

  // Term previews (WCAG 1.4.13): shown on hover and keyboard focus, hoverable, and Escape
  // hides them without moving focus.
  function setDismissed(term, dismissed) {
    if (term) term.classList.toggle("tip-dismissed", dismissed);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".term").forEach(function (el) { setDismissed(el, true); });
  });
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      setDismissed(event.target.closest && event.target.closest(".term"), false);
    });
  });

  // Search: Pagefind's static index first; the preview server's /api/search if it is absent.
  var MAX_RESULTS = 20;

  function appendMarked(parent, html) {
    // Both indexes return escaped text with <mark> around matches: rebuild it as DOM nodes,
    // so nothing from an index is ever parsed as markup.
    var entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      var text = piece.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (e) { return entities[e]; });
      if (text) {
        var node = document.createTextNode(text);
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(node);
          node = mark;
        }
        parent.appendChild(node);
      }
      return marked;
    }, false);
  }

  function renderResults(list, status, query, results) {
    list.textContent = "";
    if (!results.length) {
      setStatus(status, "done", "No results for \u201c" + query + "\u201d. Try another word, or browse the A\u2013Z index.");
      return;
    }
    results.forEach(function (r) {
      var li = document.createElement("li");
      var heading = document.createElement("h2");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.title;
      heading.appendChild(a);
      li.appendChild(heading);
      if (r.summary) {
        var p = document.createElement("p");
        p.textContent = r.summary;
        li.appendChild(p);
      }
      if (r.snippet) {
        var s = document.createElement("p");
        s.className = "snippet";
        appendMarked(s, r.snippet);
        li.appendChild(s);
      }
      list.appendChild(li);
    });
    setStatus(status, "done", results.length + (results.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d");
  }

  function setStatus(status, state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function searchApi(query) {
    return fetch(new URL("api/search?q=" + encodeURIComponent(query), rootUrl)).then(function (resp) {
      if (!resp.ok) throw new Error("search api unavailable");
      return resp.json();
    }).then(function (data) {
      return data.results.map(function (r) {
        return { url: new URL(r.slug + "/", rootUrl).href, title: r.title, summary: r.summary, snippet: r.snippet };
      });
    });
  }

  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", rootUrl).href).then(function (pf) {
        return pf.options({ baseUrl: rootUrl.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function searchPagefind(query) {
    var words = query.trim().split(/\s+/);
    return loadPagefind().then(function (pf) {
      // The exact phrase first: "brain plasticity" should lead with the page that uses that
      // name, not with a page that says "plasticity" most often.
      var phrase = words.length > 1 && query.indexOf("\"") < 0 ? pf.search("\"" + words.join(" ") + "\"") : Promise.resolve(null);
      return Promise.all([phrase, pf.search(query)]);
    }).then(function (found) {
      var hits = [];
      found.forEach(function (f) { if (f && f.results) hits = hits.concat(f.results); });
      return Promise.all(hits.slice(0, MAX_RESULTS * 3).map(function (r) { return r.data(); }));
    }).then(function (items) {
      // A term's name record and its page share a URL: keep the first, fill in from the page.
      var byUrl = {};
      var order = [];
      items.forEach(function (d) {
        var seen = byUrl[d.url];
        var isPage = !(d.meta && d.meta.kind === "term");
        if (!seen) {
          byUrl[d.url] = seen = { url: d.url, title: (d.meta && d.meta.title) || d.url, summary: (d.meta && d.meta.summary) || "", snippet: "" };
          order.push(seen);
        }
        if (isPage && !seen.snippet) seen.snippet = d.excerpt || "";
      });
      return order.slice(0, MAX_RESULTS);
    });
  }

  function runSearch(list, status, query) {
    list.textContent = "";
    if (!query.trim()) {
      setStatus(status, "idle", "");
      return;
    }
    setStatus(status, "busy", "Searching\u2026");
    searchPagefind(query).catch(function () { return searchApi(query); }).then(function (results) {
      renderResults(list, status, query, results);
    }).catch(function () {
      setStatus(status, "error", "Search is not available right now. Browse the A\u2013Z index instead.");
    });
  }

  var list = document.getElementById("search-results");
  if (list) {
    var status = document.getElementById("search-status");
    var form = document.getElementById("search-page-form");
    var input = document.getElementById("search-page-q");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    if (!query) setStatus(status, "idle", "");
    runSearch(list, status, query);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = input.value;
      var url = new URL(window.location.href);
      url.searchParams.set("q", q);
      window.history.replaceState(null, "", url);
      runSearch(list, status, q);
    });
  }

  if (document.body.getAttribute("data-live-reload") === "true" && window.EventSource) {
    var source = new EventSource(new URL("-/reload", window.location.origin));
    // The server names the pages that changed (null: any page may have); reload only those.
    source.addEventListener("reload", function (event) {
      var pages = null;
      try { pages = JSON.parse(event.data).pages; } catch (e) { pages = null; }
      if (!pages || pages.indexOf(window.location.pathname) !== -1) { window.location.reload(); }
    });
  }
})();
