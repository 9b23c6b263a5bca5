// The operations centre keeps itself current: each module's stream of server-sent events says something changed,
// and the figures, the attention list and the map's layers are fetched again (also every 30 s). Never while the
// reader's keyboard focus is inside the figures or the list. Without JavaScript the page works as it is; reload it.
(function () {
  'use strict';
  var parts = document.getElementById('ops-parts');
  var mapEl = document.getElementById('ops-map');
  if (!parts || !window.fetch) { return; }
  var stale = false;
  var waiting = false;
  var map = null;
  var drawn = {};
  var asked = {};                 // per layer, the latest request: an older answer arriving late is dropped

  function text(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }

  function loadLayer(box) {
    var id = box.getAttribute('data-layer');
    var ticket = (asked[id] || 0) + 1;
    asked[id] = ticket;
    if (!box.checked) {
      if (drawn[id]) { map.removeLayer(drawn[id]); delete drawn[id]; }
      return;
    }
    fetch(box.getAttribute('data-layer-url'), { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (fc) {
        if (asked[id] !== ticket || !box.checked) { return; }
        if (drawn[id]) { map.removeLayer(drawn[id]); delete drawn[id]; }
        var layer = L.geoJSON(fc, {
          pointToLayer: function (f, latlng) {
            var c = (f.properties && f.properties.colour) || '#1f5fa8';
            return L.circleMarker(latlng, { radius: 7, color: '#222', weight: 1, fillColor: c, fillOpacity: 0.85 });
          },
          style: function (f) { return { color: (f.properties && f.properties.colour) || '#1f5fa8', weight: 2, fillOpacity: 0.15 }; },
          onEachFeature: function (f, l) {
            var p = f.properties || {};
            var html = '<strong>' + text(p.name) + '</strong>' + (p.status ? '<br>' + text(p.status) : '');
            if (p.href) { html += '<br><a href="' + encodeURI(p.href) + '">' + text(p.link || '→') + '</a>'; }
            l.bindPopup(html);
          }
        });
        layer.addTo(map);
        drawn[id] = layer;
      })
      .catch(function () { /* the figures link to the same data as lists */ });
  }

  function layers() { return Array.prototype.slice.call(document.querySelectorAll('input[data-layer-url]')); }

  if (mapEl && window.L) {
    map = L.map(mapEl, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
    if (window.saolaTiles) { window.saolaTiles(map); }
    layers().forEach(function (box) {
      box.addEventListener('change', function () { loadLayer(box); });
      loadLayer(box);
    });
  }

  function refresh() {
    if (parts.contains(document.activeElement)) { stale = true; return; }
    stale = false;
    fetch(parts.getAttribute('data-parts'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('ops-parts-inner');
        var current = document.getElementById('ops-parts-inner');
        if (fresh && current) { current.innerHTML = fresh.innerHTML; }
        if (map) { layers().forEach(loadLayer); }
      })
      .catch(function () { stale = true; })
      .then(function () { waiting = false; });
  }

  function soon() {
    if (!waiting) { waiting = true; setTimeout(refresh, 250); }
  }

  parts.addEventListener('focusout', function () {
    setTimeout(function () { if (stale && !parts.contains(document.activeElement)) { refresh(); } }, 0);
  });
  if (window.EventSource) {
    (parts.getAttribute('data-streams') || '').split(' ').filter(Boolean).forEach(function (url) {
      var source = new EventSource(url);
      source.onmessage = soon;
      ['alert', 'change'].forEach(function (name) { source.addEventListener(name, soon); });
    });
  }
  setInterval(soon, 30000);
})();
