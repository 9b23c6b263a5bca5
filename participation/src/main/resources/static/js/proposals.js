// The proposals list's map, with JavaScript only: the proposals that give a point (the list itself is the
// accessible form of the same data).
(function () {
  var el = document.getElementById('proposals-map');
  if (!el || !window.L) { return; }
  el.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  // Street tiles only where the city runs a tile server (map-tiles.js), like every map.
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  fetch(el.getAttribute('data-data-url'), { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (proposals) {
      var bounds = [];
      proposals.forEach(function (p) {
        if (p.lat == null || p.lon == null || p.hidden) { return; }
        L.circleMarker([p.lat, p.lon], { radius: 7, color: '#1f5fa8', fillColor: '#1f5fa8', fillOpacity: 0.8 })
          .bindPopup('<a href="' + el.getAttribute('data-link') + p.number + '">#' + p.number + ' ' + text(p.title) + '</a>')
          .addTo(map);
        bounds.push([p.lat, p.lon]);
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 }); }
    })
    .catch(function () { /* the list below has the same proposals */ });
}());
