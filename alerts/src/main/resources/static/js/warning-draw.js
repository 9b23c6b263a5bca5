// Drawing a warning's area: each click on the map adds a corner; the polygon field below holds the GeoJSON
// (closed, longitude first), which can also be typed, so the map is an addition, not the only way.
(function () {
  'use strict';
  var el = document.getElementById('draw-map');
  var field = document.getElementById('polygon');
  if (!el || !field || !window.L) { return; }
  var map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  var points = [];
  var shape = null;
  function redraw() {
    if (shape) { map.removeLayer(shape); shape = null; }
    if (points.length >= 2) {
      shape = L.polygon(points.map(function (p) { return [p[1], p[0]]; }), { color: '#b3261e', weight: 2, fillOpacity: 0.2 }).addTo(map);
    }
  }
  function write() {
    if (points.length < 3) { field.value = ''; return; }
    var ring = points.concat([points[0]]);
    field.value = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  }
  try {
    var existing = field.value ? JSON.parse(field.value) : null;
    if (existing && existing.type === 'Polygon' && existing.coordinates && existing.coordinates[0]) {
      points = existing.coordinates[0].slice(0, -1);
      redraw();
      if (shape) { map.fitBounds(shape.getBounds(), { padding: [20, 20] }); }
    }
  } catch (e) { /* typed by hand and not yet valid: left as it is */ }
  map.on('click', function (e) {
    points.push([Math.round(e.latlng.lng * 1e6) / 1e6, Math.round(e.latlng.lat * 1e6) / 1e6]);
    redraw();
    write();
  });
  document.getElementById('draw-clear').addEventListener('click', function () {
    points = [];
    redraw();
    write();
  });
}());
