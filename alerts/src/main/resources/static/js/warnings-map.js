// The warnings' areas on a map: polygons and circles (wards chosen by name are listed in words on the page).
// From the JSON API on the list page, from the page itself on a warning's page. The text is the accessible form;
// the map is an addition, with street tiles only where the city runs a tile server (map-tiles.js).
(function () {
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var vi = el.getAttribute('data-vi') === 'true';
  var map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  var colours = { Extreme: '#7a0019', Severe: '#b3261e', Moderate: '#8a4b00', Minor: '#1f5fa8', Unknown: '#444' };
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  function draw(areas, severity, label) {
    var bounds = [];
    var colour = colours[severity] || '#444';
    (areas || []).forEach(function (a) {
      var name = a.description ? (vi ? a.description.vi : a.description.en) : '';
      (a.polygons || []).forEach(function (ring) {
        var points = ring.map(function (p) { return [p.latitude, p.longitude]; });
        L.polygon(points, { color: colour, weight: 2, fillOpacity: 0.2 }).bindPopup(text(label + ' · ' + name)).addTo(map);
        bounds = bounds.concat(points);
      });
      (a.circles || []).forEach(function (c) {
        var centre = [c.centre.latitude, c.centre.longitude];
        var circle = L.circle(centre, { radius: c.radiusKm * 1000, color: colour, weight: 2, fillOpacity: 0.2, dashArray: '4' });
        circle.bindPopup(text(label + ' · ' + name)).addTo(map);
        bounds.push(centre);
      });
    });
    return bounds;
  }
  var own = el.getAttribute('data-areas');
  if (own) {
    var b = draw(JSON.parse(own), el.getAttribute('data-severity'), document.title);
    if (b.length) { map.fitBounds(b, { padding: [30, 30], maxZoom: 14 }); }
    return;
  }
  fetch(el.getAttribute('data-data-url'), { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (warnings) {
      var all = [];
      warnings.forEach(function (w) {
        all = all.concat(draw(w.areas, w.severity, vi ? w.headline.vi : w.headline.en));
      });
      if (all.length) { map.fitBounds(all, { padding: [30, 30], maxZoom: 14 }); }
    })
    .catch(function () { /* the list below has the same warnings */ });
}());
