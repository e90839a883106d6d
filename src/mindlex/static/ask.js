// mindlex Ask box: crisis triage in the page, then reviewed quotes from /api/ask when a
// server is there, or a pointer to search when it is not. Same-origin requests only.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "/";
  var vocab = null;

  function compile(data) {
    return {
      negation: new RegExp(data.negation),
      window: data.window,
      spelling: data.spelling,
      spellingRe: data.spelling_pattern ? new RegExp(data.spelling_pattern, "g") : null,
      filler: data.filler ? new RegExp(data.filler, "g") : null,
      idioms: data.idioms.map(function (i) { return { re: new RegExp(i.pattern, "g"), as: i.as }; }),
      entries: data.entries.map(function (e) {
        return { id: e.id, level: e.level, category: e.category, source: e.source,
                 negatable: e.negatable, pattern: new RegExp(e.pattern, "g") };
      })
    };
  }

  function normalise(message) {
    return message.replace(/[\u2019\u2018\u02bc]/g, "'").replace(/[\u201c\u201d]/g, "\"")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // Spelling variants to one form, then filler words out (triage.py `rewrite`).
  function rewrite(text, v) {
    if (v.spellingRe) text = text.replace(v.spellingRe, function (m) { return v.spelling[m]; });
    if (v.filler) text = text.replace(v.filler, "");
    return text.trim();
  }

  // The same steps as mindlex/ask/triage.py: idioms out, then every entry, then negation.
  function triage(message, v) {
    var text = rewrite(normalise(message), v);
    v.idioms.forEach(function (idiom) {
      text = text.replace(idiom.re, function (m) {
        var out = idiom.as.slice(0, m.length);
        return out + new Array(m.length - out.length + 1).join(" ");
      });
    });
    var matches = [];
    v.entries.forEach(function (e) {
      e.pattern.lastIndex = 0;
      var found;
      while ((found = e.pattern.exec(text)) !== null) {
        if (found[0].length === 0) { e.pattern.lastIndex += 1; continue; }
        if (!found[0].trim()) continue;
        var before = text.slice(Math.max(0, found.index - v.window), found.index);
        var negated = e.negatable && v.negation.test(before);
        var level = negated && e.level === "crisis" ? "caution" : e.level;
        matches.push({ id: e.id, category: e.category, level: level, text: found[0], negated: negated });
      }
    });
    var levels = matches.map(function (m) { return m.level; });
    var outcome = levels.indexOf("crisis") >= 0 ? "crisis" : levels.length ? "caution" : "none";
    return { outcome: outcome, matches: matches };
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function showCrisis(on) {
    document.getElementById("ask-crisis").hidden = !on;
  }

  // The crisis article's own words, when the server sent them; else a link to its page.
  function renderCrisisArticle(result, article) {
    if (article) {
      article.paragraphs.forEach(function (text) { result.appendChild(el("p", text)); });
      var more = el("p");
      more.appendChild(link(root + article.url, article.title));
      result.appendChild(more);
      return;
    }
    fetch(root + "api/articles/help-in-a-crisis.json", { credentials: "omit" })
      .then(function (r) {
        if (!r.ok) return;
        var p = el("p");
        p.appendChild(link(root + "help-in-a-crisis/", "Help in a crisis: what to do right now"));
        result.appendChild(p);
      })
      .catch(function () {});
  }

  function renderQuote(q) {
    var fig = el("figure", null, "ask-quote");
    var block = el("blockquote");
    block.appendChild(el("p", q.text));
    fig.appendChild(block);
    var cap = el("figcaption");
    cap.appendChild(link(root + q.url, q.title + ": " + q.section));
    if (q.citations.length) {
      cap.appendChild(document.createTextNode(" Sources: " + q.citations.map(function (c) {
        return "[" + c.number + "] " + c.label;
      }).join("; ") + "."));
    }
    cap.appendChild(document.createTextNode(q.signed
      ? " Reviewed by " + q.reviewer + ", " + q.signed_on + "."
      : " Not yet reviewed (preview only)."));
    fig.appendChild(cap);
    return fig;
  }

  function renderAnswer(result, data) {
    var answer = data.answer;
    if (answer.status === "answered") {
      result.appendChild(el("p", "From reviewed articles on this site, quoted word for word:"));
      answer.quotes.forEach(function (q) { result.appendChild(renderQuote(q)); });
    } else {
      result.appendChild(el("p", answer.message));
    }
    if (answer.related.length) {
      result.appendChild(el("h3", "Related articles"));
      var list = el("ul");
      answer.related.forEach(function (r) {
        var li = el("li");
        li.appendChild(link(root + r.url, r.title));
        list.appendChild(li);
      });
      result.appendChild(list);
    }
    if (data.help) result.appendChild(renderHelp(data.help));
    result.appendChild(el("p", data.disclaimer, "small"));
  }

  // Triage misses phrasings it has never seen, so every answer ends with the crisis lines.
  function renderHelp(help) {
    var box = el("p", help.heading + ": ", "small ask-help");
    help.resources.forEach(function (r, i) {
      box.appendChild(document.createTextNode((i ? "; " : "") + r.name + ", " + r.contact));
    });
    if (help.emergency) box.appendChild(document.createTextNode(". In an emergency, call " + help.emergency + ". "));
    if (help.url) box.appendChild(link(root + help.url, "Help in a crisis"));
    return box;
  }

  function renderOffline(result, question) {
    var p = el("p", "Answers need the site's server, which is not available here. ");
    p.appendChild(link(root + "search/?q=" + encodeURIComponent(question), "Search the glossary for \u201c" + question + "\u201d"));
    p.appendChild(document.createTextNode(" instead."));
    result.appendChild(p);
    var lines = document.querySelectorAll("#ask-crisis li");
    if (!lines.length) return;
    var title = document.querySelector("#ask-crisis .crisis-title");
    var help = el("p", (title ? title.textContent : "") + ": ", "small ask-help");
    Array.prototype.forEach.call(lines, function (li, i) {
      help.appendChild(document.createTextNode((i ? "; " : "") + li.textContent.trim()));
    });
    result.appendChild(help);
  }

  function ask(form, result, status) {
    var question = form.querySelector("input").value.trim();
    result.textContent = "";
    if (!question) return;
    var t = triage(question, vocab);
    result.setAttribute("data-outcome", t.outcome);
    showCrisis(t.outcome !== "none");
    if (t.outcome === "crisis") {
      status.textContent = "Help is available now.";
      renderCrisisArticle(result, null);
      return;
    }
    status.textContent = "Looking for a reviewed answer\u2026";
    fetch(root + "api/ask", {
      method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ q: question })
    })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (data) {
        if (data.triage.outcome === "crisis") {
          result.setAttribute("data-outcome", "crisis");
          showCrisis(true);
          renderCrisisArticle(result, data.crisis && data.crisis.article);
          status.textContent = "Help is available now.";
          return;
        }
        renderAnswer(result, data);
        result.setAttribute("data-answer", data.answer.status);
        status.textContent = data.answer.status === "answered" ? "Answer shown." : "No reviewed answer.";
      })
      .catch(function () {
        renderOffline(result, question);
        result.setAttribute("data-answer", "offline");
        status.textContent = "Search is available.";
      });
  }

  window.mindlexTriage = function (message) { return vocab ? triage(message, vocab).outcome : null; };

  var form = document.getElementById("ask-form");
  if (!form) return;
  var result = document.getElementById("ask-result");
  var status = document.getElementById("ask-status");
  fetch(root + "assets/ask-triage.json", { credentials: "omit" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      vocab = compile(data);
      form.setAttribute("data-ready", "true");
    });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (vocab) ask(form, result, status);
  });
})();
