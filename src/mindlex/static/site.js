// mindlex site script: tooltip dismissal, search, live reload. No third-party requests.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "/";

  // Term previews: Escape hides an open preview (WCAG 1.4.13, dismissible).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".term").forEach(function (el) { el.classList.add("tip-dismissed"); });
  });
  document.addEventListener("focusin", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term) term.classList.remove("tip-dismissed");
  });
  document.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term) term.classList.remove("tip-dismissed");
  });

  function renderResults(list, status, query, results) {
    list.textContent = "";
    if (!results.length) {
      status.textContent = "No results for \u201c" + query + "\u201d. Try another word, or browse the A\u2013Z index.";
      return;
    }
    status.textContent = results.length + (results.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.title;
      li.appendChild(a);
      if (r.summary) {
        var p = document.createElement("p");
        p.textContent = r.summary;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function searchApi(query) {
    return fetch(root + "api/search?q=" + encodeURIComponent(query)).then(function (resp) {
      if (!resp.ok) throw new Error("search api unavailable");
      return resp.json();
    }).then(function (data) {
      return data.results.map(function (r) { return { url: root + r.slug + "/", title: r.title, summary: r.summary }; });
    });
  }

  function searchPagefind(query) {
    return import(root + "pagefind/pagefind.js").then(function (pagefind) {
      return pagefind.search(query).then(function (found) {
        return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
      }).then(function (items) {
        return items.map(function (d) { return { url: d.url, title: (d.meta && d.meta.title) || d.url, summary: d.excerpt ? d.excerpt.replace(/<[^>]*>/g, "") : "" }; });
      });
    });
  }

  var list = document.getElementById("search-results");
  if (list) {
    var status = document.getElementById("search-status");
    var input = document.getElementById("search-page-q");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    if (query.trim()) {
      status.textContent = "Searching\u2026";
      searchPagefind(query).catch(function () { return searchApi(query); }).then(function (results) {
        renderResults(list, status, query, results);
      }).catch(function () {
        status.textContent = "Search is not available right now. Browse the A\u2013Z index instead.";
      });
    }
  }

  if (document.body.getAttribute("data-live-reload") === "true" && window.EventSource) {
    var source = new EventSource("/-/reload");
    source.addEventListener("reload", function () { window.location.reload(); });
  }
})();
