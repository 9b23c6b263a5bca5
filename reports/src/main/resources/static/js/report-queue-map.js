// The reports the queue page's filters choose, on a map: the city's areas outlined with their names, each report
// a dot (red when overdue) whose popup links to its work page. The table above is the accessible form and works
// without JavaScript; the map is an addition, hidden until it can be drawn.
(function () {
  'use strict';
  var box = document.getElementById('queue-map-box');
  if (!box || !window.L || !window.fetch) { return; }
  box.hidden = false;
  var map = L.map(document.getElementById('queue-map'), { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  function text(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }
  function json(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; });
  }
  json(box.getAttribute('data-areas-url')).then(function (areas) {
    if (!areas.features || !areas.features.length) { return; }
    L.geoJSON(areas, {
      style: { color: '#1f5fa8', weight: 1, fillOpacity: 0.03 },
      interactive: false
    }).addTo(map);
  }).catch(function () { /* the reports are drawn without the areas */ });
  json(box.getAttribute('data-layer-url')).then(function (fc) {
    if (!fc.features || !fc.features.length) { return; }
    var layer = L.geoJSON(fc, {
      pointToLayer: function (f, latlng) {
        var c = (f.properties && f.properties.colour) || '#1f5fa8';
        return L.circleMarker(latlng, { radius: 7, color: '#222', weight: 1, fillColor: c, fillOpacity: 0.85 });
      },
      onEachFeature: function (f, l) {
        var p = f.properties || {};
        l.bindPopup('<a href="' + encodeURI(p.href || '#') + '">' + text(p.name) + '</a><br>' + text(p.status));
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 15 });
  }).catch(function () { /* the table lists them all */ });
}());
