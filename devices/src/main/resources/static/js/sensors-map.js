// The public sensor register's map: one marker per sensor of the list below, from the open-data API with the
// page's own filters. The table is the accessible form of the same data; the map is an addition.
(function () {
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var vi = el.getAttribute('data-vi') === 'true';
  var map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
  if (window.saolaTiles) { window.saolaTiles(map); }
  // Street tiles only where the city runs a tile server (map-tiles.js), like every map.
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  fetch(el.getAttribute('data-data-url'), { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (sensors) {
      var bounds = [];
      sensors.forEach(function (s) {
        var colour = s.collectsPersonalData ? '#8a1c7c' : '#1f5fa8';
        // A sensor that needs attention is a hollow ring with a dark outline, so the difference is not colour alone.
        var unhealthy = s.health && s.health.status === 'unhealthy';
        var m = L.circleMarker([s.latitude, s.longitude], unhealthy
          ? { radius: 7, color: '#222', weight: 3, fillColor: colour, fillOpacity: 0.15, dashArray: '3' }
          : { radius: 6, color: colour, fillColor: colour, fillOpacity: 0.8 });
        var health = unhealthy ? el.getAttribute('data-label-unhealthy')
          : (s.health && s.health.status === 'ok' ? el.getAttribute('data-label-ok') : '');
        m.bindPopup('<strong>' + text(s.name) + '</strong><br>' + text(vi ? s.kind.nameVi : s.kind.nameEn)
          + '<br>' + text(vi ? s.owner.nameVi : s.owner.nameEn) + '<br>' + text(s.purpose)
          + (health ? '<br>' + text(health) : ''));
        m.addTo(map);
        bounds.push([s.latitude, s.longitude]);
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); }
    })
    .catch(function () { /* the table below has the same data */ });
}());
