// A round plan's routes on a map: one colour per truck (the table below names each colour and is the accessible
// form), numbered stops, the depot as a square; street tiles only where the city runs a tile server. While
// the solver works, the page asks the API every few seconds and reloads once the plan is ready.
(function () {
  var status = document.getElementById('plan-status');
  if (status && status.getAttribute('data-status') === 'SOLVING') {
    var url = status.getAttribute('data-url');
    var ask = function () {
      fetch(url, { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (p && p.status !== 'SOLVING') { window.location.reload(); } else { setTimeout(ask, 3000); }
        })
        .catch(function () { setTimeout(ask, 10000); });
    };
    setTimeout(ask, 3000);
  }
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var routes = JSON.parse(el.getAttribute('data-routes') || '[]');
  var map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  var bounds = [];
  routes.forEach(function (r) {
    var line = [r.depot];
    bounds.push(r.depot);
    L.rectangle([[r.depot[0] - 0.0008, r.depot[1] - 0.0008], [r.depot[0] + 0.0008, r.depot[1] + 0.0008]],
      { color: '#222', weight: 2, fillColor: '#fff', fillOpacity: 1 }).bindPopup(text(r.depotName)).addTo(map);
    r.stops.forEach(function (s) {
      var at = [s.lat, s.lon];
      line.push(at);
      bounds.push(at);
      L.circleMarker(at, { radius: 7, color: r.colour, weight: 2, fillColor: s.emptied ? '#fff' : r.colour, fillOpacity: 1 })
        .bindTooltip(String(s.n), { permanent: false })
        .bindPopup(text(r.name + ' · ' + s.n + ' · ' + s.name)).addTo(map);
    });
    line.push(r.depot);
    // Along the streets it drives when the city has a street graph; else from stop to stop.
    if (r.line && r.line.length) { line = r.line; }
    if (r.stops.length) { L.polyline(line, { color: r.colour, weight: 3, opacity: 0.85 }).bindPopup(text(r.name)).addTo(map); }
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 }); }
}());
