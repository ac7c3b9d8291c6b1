package web

// bridgeJS gives the page what the desktop window's runtime gives it: window.go with
// one function per bound method (returning a promise that rejects with the error's
// fault.Rejection, {error, kind}, as the desktop window does), and the window.runtime functions the frontend uses. It keeps
// the token from the address the server printed, then removes it from the address
// bar. It makes the early calls (Server.Early) at once, and hands each answer to the
// page's first call of that method.
const bridgeJS = `(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var token = params.get("token");
  if (token) {
    sessionStorage.setItem("dealmodel-token", token);
    params.delete("token");
    var rest = params.toString();
    history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  } else {
    token = sessionStorage.getItem("dealmodel-token") || "";
  }
  function call(name, args) {
    return fetch("/api/call/" + name, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Dealmodel-Token": token },
      body: JSON.stringify(args)
    }).then(function (res) {
      return res.json().catch(function () { return { error: res.status + " " + res.statusText }; })
        .then(function (body) {
          if (!res.ok || body.error !== undefined) {
            // Rejected as the desktop window rejects: {error, kind}.
            if (body && typeof body.error === "string") throw body;
            throw res.status + " " + res.statusText;
          }
          return body.result;
        });
    }, function () {
      throw "The Dealmodel server is not answering: is dealmodel serve still running?";
    });
  }
  var methods = %METHODS%;
  var early = {};
  %EARLY%.forEach(function (full) {
    early[full] = call(full, []);
    early[full].catch(function () {}); // the page's own call sees the failure
  });
  var go = {};
  methods.forEach(function (full) {
    var parts = full.split(".");
    var node = go;
    for (var i = 0; i < parts.length - 1; i++) node = node[parts[i]] = node[parts[i]] || {};
    node[parts[parts.length - 1]] = function () {
      var args = Array.prototype.slice.call(arguments);
      var made = early[full];
      if (made && args.length === 0) {
        delete early[full];
        return made;
      }
      return call(full, args);
    };
  });
  window.go = go;

  var listeners = {};
  function on(name, cb, max) {
    var l = { cb: cb, left: max };
    (listeners[name] = listeners[name] || []).push(l);
    return function () { listeners[name] = (listeners[name] || []).filter(function (x) { return x !== l; }); };
  }
  function emit(name, data) {
    (listeners[name] || []).slice().forEach(function (l) {
      if (l.left === 0) return;
      if (l.left > 0) l.left--;
      l.cb.apply(null, data);
    });
  }
  if (window.EventSource) {
    var es = new EventSource("/api/events?token=" + encodeURIComponent(token));
    es.onmessage = function (e) {
      var m = JSON.parse(e.data);
      emit(m.name, m.data === undefined ? [] : [m.data]);
    };
  }
  function noop() {}
  window.runtime = {
    EventsOnMultiple: on,
    EventsOn: function (n, cb) { return on(n, cb, -1); },
    EventsOnce: function (n, cb) { return on(n, cb, 1); },
    EventsOff: function (n) { Array.prototype.slice.call(arguments).forEach(function (x) { delete listeners[x]; }); },
    EventsOffAll: function () { listeners = {}; },
    EventsEmit: function (n) { emit(n, Array.prototype.slice.call(arguments, 1)); },
    LogPrint: noop, LogTrace: noop, LogDebug: noop, LogInfo: noop, LogWarning: noop, LogError: noop, LogFatal: noop,
    BrowserOpenURL: function (url) { window.open(url, "_blank", "noopener"); },
    WindowSetTitle: function (t) { document.title = t; },
    WindowReload: function () { location.reload(); },
    WindowReloadApp: function () { location.reload(); },
    Environment: function () { return Promise.resolve({ buildType: "production", platform: "web", arch: "" }); },
    Quit: noop, Hide: noop, Show: noop
  };
})();
`
