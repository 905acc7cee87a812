/* Retort comment widget: renders a thread and its reply form into
 * <div id="retort-thread" data-site="…" data-url="…" data-title="…"></div>
 * and posts through the JSON API of the server this script came from. No framework, no cookies,
 * no third-party requests. Edit tokens of one's own comments are kept in localStorage, and the
 * commenter's name, email and website too, but only while "Save my name…" is ticked. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  var base = script ? new URL(script.src, location.href).origin : location.origin;
  var api = base + "/api/v1";
  var CSS = ".rt{font:inherit;line-height:1.5}.rt ol{list-style:none;padding-left:0}.rt ol ol{padding-left:1.4em;border-left:2px solid #eee}" +
    ".rt-c{margin:1em 0}.rt-h{font-size:.9em;color:#555}.rt-n{font-weight:600;margin-right:.4em}.rt-a{font-weight:600}" +
    ".rt-del{color:#777;font-style:italic}.rt-f label{display:block;font-weight:600;margin-top:.5em}" +
    ".rt-f input[type=checkbox]{width:auto}.rt-f .rt-box{display:inline;font-weight:400}.rt-f input,.rt-f textarea{width:100%;box-sizing:border-box;padding:.4em;font:inherit}.rt-req,.rt-err{color:#b00}" +
    ".rt-err{display:block}.rt-note{font-size:.9em;color:#555}.rt-notice{background:#fff7d6;border:1px solid #e5c100;padding:.6em}" +
    ".rt-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.rt-acts button{font-size:.85em;margin-right:.5em;background:none;border:0;color:#0b57d0;cursor:pointer;padding:0}";

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "html") e.innerHTML = attrs[k]; // only for server-sanitised comment HTML
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function req(method, path, body, token) {
    var h = { "Accept": "application/json" };
    if (body) h["Content-Type"] = "application/json";
    if (token) h["X-Retort-Edit-Token"] = token;
    return fetch(api + path, { method: method, headers: h, body: body ? JSON.stringify(body) : undefined, credentials: "omit" })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; }); });
  }

  function tokens() { try { return JSON.parse(localStorage.getItem("retort-tokens") || "{}"); } catch (e) { return {}; } }
  function saveToken(id, tok, until) {
    var t = tokens(); t[id] = { token: tok, until: until };
    try { localStorage.setItem("retort-tokens", JSON.stringify(t)); } catch (e) { /* private mode */ }
  }
  function ownToken(id) {
    var t = tokens()[id];
    return t && Date.parse(t.until) > Date.now() ? t.token : null;
  }

  // Name, email and website, kept in this browser only while "Save my name…" is ticked.
  var FIELDS = ["author", "email", "website"];
  function me() { try { return JSON.parse(localStorage.getItem("retort-commenter")); } catch (e) { return null; } }
  function remember(form) {
    try {
      if (!form.elements.remember.checked) localStorage.removeItem("retort-commenter");
      else localStorage.setItem("retort-commenter", JSON.stringify(FIELDS.reduce(function (o, n) { o[n] = form.elements[n].value; return o; }, {})));
    } catch (e) { /* private mode */ }
  }

  function fmtDate(s) {
    try { return new Date(s).toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" }); } catch (e) { return s; }
  }

  function Thread(root) {
    this.root = root;
    this.site = root.getAttribute("data-site");
    this.url = root.getAttribute("data-url") || location.href.split("#")[0];
    this.title = root.getAttribute("data-title") || document.title;
    this.info = null;
    this.replyTo = null;
    root.classList.add("rt");
    this.load();
  }

  Thread.prototype.load = function () {
    var self = this, q = "?site=" + encodeURIComponent(this.site) + "&url=" + encodeURIComponent(this.url);
    return Promise.all([req("GET", "/sites/" + encodeURIComponent(this.site)), req("GET", "/threads" + q)]).then(function (rs) {
      if (rs[0].status !== 200) { self.root.textContent = "Comments are unavailable: " + ((rs[0].body.error || {}).message || rs[0].status); return; }
      self.info = rs[0].body;
      self.data = rs[1].status === 200 ? rs[1].body : { thread: null, comments: [] };
      self.render();
    }).catch(function () { self.root.textContent = "Comments could not be loaded."; });
  };

  Thread.prototype.count = function (list) {
    var self = this;
    return list.reduce(function (n, c) { return n + (c.deleted ? 0 : 1) + self.count(c.replies); }, 0);
  };

  Thread.prototype.render = function () {
    var n = this.count(this.data.comments);
    this.root.innerHTML = "";
    this.root.appendChild(el("style", { text: CSS }));
    this.root.appendChild(el("h2", { text: n + (n === 1 ? " comment" : " comments") }));
    this.list = el("ol", { "class": "rt-list" });
    var self = this;
    this.data.comments.forEach(function (c) { self.list.appendChild(self.comment(c)); });
    this.root.appendChild(this.list);
    this.notice = el("div", { "class": "rt-notice", hidden: "" });
    this.root.appendChild(this.notice);
    this.form = this.buildForm();
    this.root.appendChild(this.form);
  };

  Thread.prototype.comment = function (c) {
    var self = this, li = el("li", { "class": "rt-c", id: "retort-comment-" + c.id, "data-id": c.id });
    if (c.deleted) {
      li.appendChild(el("div", { "class": "rt-h" }, [el("span", { "class": "rt-n", text: c.number ? c.number + "." : "" })]));
      li.appendChild(el("p", { "class": "rt-del", text: "This comment was deleted." }));
    } else {
      var author = c.website ? el("a", { "class": "rt-a", href: c.website, rel: "nofollow ugc", text: c.author }) : el("span", { "class": "rt-a", text: c.author });
      li.appendChild(el("div", { "class": "rt-h" }, [el("span", { "class": "rt-n", text: c.number ? c.number + "." : "" }), author, " ",
        el("time", { datetime: c.created_at, text: fmtDate(c.created_at) }), c.edited_at ? " (edited)" : ""]));
      li.appendChild(el("div", { "class": "rt-body", html: c.html }));
      var acts = el("div", { "class": "rt-acts" }, [el("button", { type: "button", "class": "rt-reply", text: "Reply", onclick: function () { self.reply(c, li); } })]);
      var tok = ownToken(c.id);
      if (tok) {
        acts.appendChild(el("button", { type: "button", "class": "rt-edit", text: "Edit", onclick: function () { self.edit(c, li, tok); } }));
        acts.appendChild(el("button", { type: "button", "class": "rt-delete", text: "Delete", onclick: function () { self.remove(c, tok); } }));
      }
      li.appendChild(acts);
    }
    if (c.replies && c.replies.length) {
      var ol = el("ol");
      c.replies.forEach(function (r) { ol.appendChild(self.comment(r)); });
      li.appendChild(ol);
    }
    return li;
  };

  Thread.prototype.field = function (name, label, type, required, attrs) {
    var id = "rt-" + name + "-" + Math.random().toString(36).slice(2, 8);
    var input = type === "textarea" ? el("textarea", Object.assign({ id: id, name: name, rows: "6" }, attrs || {}))
      : el("input", Object.assign({ id: id, name: name, type: type }, attrs || {}));
    if (required) input.required = true;
    return el("p", {}, [el("label", { "for": id }, [label, required ? el("span", { "class": "rt-req", text: " *" }) : null]), input,
      el("span", { "class": "rt-err", "data-for": name })]);
  };

  Thread.prototype.buildForm = function () {
    var self = this;
    var title = el("h3", { "class": "rt-title", text: "Leave a reply" });
    var form = el("form", { "class": "rt-f", novalidate: "" }, [
      title,
      el("p", { "class": "rt-note" }, ["Your email address will not be published. Required fields are marked ", el("span", { "class": "rt-req", text: "*" })]),
      this.field("author", "Name", "text", true, { maxlength: "80", autocomplete: "name" }),
      this.field("email", "Email", "email", true, { maxlength: "254", autocomplete: "email" }),
      this.field("website", "Website", "url", false, { maxlength: "300", autocomplete: "url" }),
      this.field("text", "Comment", "textarea", true),
      this.info.reply_notifications ? this.box("notify", "Email me when someone replies (you will be asked to confirm your address first).") : null,
      this.box("remember", "Save my name, email and website in this browser for the next time I comment."),
      el("p", { "class": "rt-hp", "aria-hidden": "true" }, [el("input", { name: "honeypot", tabindex: "-1", autocomplete: "off" })]),
      el("span", { "class": "rt-err", "data-for": "form" }),
      el("p", {}, [el("button", { type: "submit", text: "Post Comment" })]),
      el("p", { "class": "rt-note" }, [el("a", { href: base + this.info.privacy_url, text: "Learn how your comment data is processed" })])
    ]);
    var saved = me();
    if (saved) { FIELDS.forEach(function (n) { form.elements[n].value = saved[n] || ""; }); form.elements.remember.checked = true; }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); self.submit(form); });
    return form;
  };

  Thread.prototype.box = function (name, label) {
    var id = "rt-" + name + "-" + this.site;
    return el("p", {}, [el("input", { type: "checkbox", id: id, name: name }), " ", el("label", { "for": id, "class": "rt-box", text: label })]);
  };

  Thread.prototype.reply = function (c, li) {
    this.replyTo = c.id;
    this.form.querySelector(".rt-title").textContent = "Reply to " + c.author;
    li.appendChild(this.form);
    this.form.querySelector("textarea").focus();
  };

  Thread.prototype.showErrors = function (form, err) {
    form.querySelectorAll(".rt-err").forEach(function (s) { s.textContent = ""; });
    var fields = err.fields && err.fields.length ? err.fields : [{ field: err.field || "form", message: err.message }];
    fields.forEach(function (f) {
      var s = form.querySelector('.rt-err[data-for="' + f.field + '"]') || form.querySelector('.rt-err[data-for="form"]');
      s.textContent = (s.textContent ? s.textContent + " " : "") + f.message;
    });
  };

  Thread.prototype.submit = function (form) {
    var self = this, v = function (n) { return form.elements[n].value; };
    var body = { site: this.site, url: this.url, title: this.title, parent: this.replyTo, author: v("author"), email: v("email"),
      website: v("website"), text: v("text"), honeypot: v("honeypot"), form_token: this.info.form_token,
      notify_replies: !!(form.elements.notify && form.elements.notify.checked) };
    form.querySelector("button[type=submit]").disabled = true;
    req("POST", "/comments", body).then(function (r) {
      form.querySelector("button[type=submit]").disabled = false;
      if (r.status !== 201) { self.showErrors(form, r.body.error || { message: "Could not post (" + r.status + ")." }); return; }
      saveToken(r.body.comment.id, r.body.edit_token, r.body.edit_until);
      remember(form);
      self.replyTo = null;
      return self.load().then(function () {
        if (r.body.status !== "approved") {
          self.notice.hidden = false;
          self.notice.textContent = "Your comment is awaiting moderation.";
        } else {
          var n = document.getElementById("retort-comment-" + r.body.comment.id);
          if (n && n.scrollIntoView) n.scrollIntoView();
        }
      });
    }).catch(function () { form.querySelector("button[type=submit]").disabled = false; self.showErrors(form, { message: "Network error; please try again." }); });
  };

  Thread.prototype.edit = function (c, li, tok) {
    var self = this, body = li.querySelector(".rt-body");
    var ta = el("textarea", { rows: "5", "class": "rt-edit-text" });
    ta.value = body.textContent;
    var save = el("button", { type: "button", text: "Save", onclick: function () {
      req("PATCH", "/comments/" + c.id, { text: ta.value }, tok).then(function (r) {
        if (r.status === 200) self.load(); else alert((r.body.error || {}).message || "Could not edit.");
      });
    } });
    body.replaceWith(el("div", { "class": "rt-editing" }, [ta, save]));
  };

  Thread.prototype.remove = function (c, tok) {
    var self = this;
    if (!confirm("Delete your comment?")) return;
    req("DELETE", "/comments/" + c.id, null, tok).then(function (r) {
      if (r.status === 200) self.load(); else alert((r.body.error || {}).message || "Could not delete.");
    });
  };

  function init() {
    document.querySelectorAll("#retort-thread, .retort-thread").forEach(function (root) {
      if (!root.__retort) { root.__retort = new Thread(root); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
