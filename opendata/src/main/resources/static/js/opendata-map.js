// A dataset's rows on a map, on its portal page: up to 1000 rows with a place, read through CKAN's datastore API
// (the same query anyone can make). The table of first rows above is the accessible form; the map is an addition.
(function () {
  var el = document.getElementById('data-map');
  if (!el || !window.L) { return; }
  var label = el.getAttribute('data-label');
  var map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  // Street tiles only where the city runs a tile server (map-tiles.js), like every map.
  function text(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }
  var fields = ['latitude', 'longitude'].concat(label ? [label] : []);
  fetch(el.getAttribute('data-search') + '&limit=1000&fields=' + encodeURIComponent(fields.join(',')), { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (answer) {
      if (!answer || !answer.success) { return; }
      var bounds = [];
      answer.result.records.forEach(function (row) {
        if (row.latitude == null || row.longitude == null) { return; }
        var m = L.circleMarker([row.latitude, row.longitude], { radius: 6, color: '#1f5fa8', fillColor: '#1f5fa8', fillOpacity: 0.8 });
        if (label) { m.bindPopup(text(row[label])); }
        m.addTo(map);
        bounds.push([row.latitude, row.longitude]);
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 }); }
    })
    .catch(function () { /* the table above has the rows */ });
}());
