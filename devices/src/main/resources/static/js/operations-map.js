// Operations map: district outlines and one marker per station, coloured by its health.
// Districts give the orientation; street tiles only where the city runs a tile server (map-tiles.js).
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || typeof L === 'undefined') { return; }
  var labels = el.dataset;
  var map = L.map(el, { keyboard: true, zoomSnap: 0.25 });
  if (window.saolaTiles) { window.saolaTiles(map); }
  var districts = L.geoJSON(null, {
    style: { color: '#063d29', weight: 2, fillColor: '#0b5e3f', fillOpacity: 0.06 },
    onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, { sticky: true }); }
  }).addTo(map);
  var markers = L.layerGroup().addTo(map);
  var fitted = false;
  var quantities = ['pm25', 'pm10', 'no2', 'o3', 'temperature', 'relativeHumidity'];
  var units = { pm25: 'µg/m³', pm10: 'µg/m³', no2: 'µg/m³', o3: 'µg/m³', temperature: '°C', relativeHumidity: '' };

  function popup(s) {
    var div = document.createElement('div');
    var h = document.createElement('strong');
    h.textContent = s.name;
    div.appendChild(h);
    var dl = document.createElement('dl');
    quantities.forEach(function (q) {
      if (s.values[q] === undefined) { return; }
      var dt = document.createElement('dt');
      dt.textContent = labels['label' + q.charAt(0).toUpperCase() + q.slice(1)] || q;
      var dd = document.createElement('dd');
      var v = q === 'relativeHumidity' ? Math.round(s.values[q] * 100) + ' %' : s.values[q].toFixed(1) + ' ' + units[q];
      dd.textContent = v;
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    div.appendChild(dl);
    var p = document.createElement('p');
    p.textContent = s.observedAt ? labels.labelObserved + ': ' + s.observedAt : labels.labelNoData;
    div.appendChild(p);
    return div;
  }

  function draw(data) {
    districts.clearLayers();
    districts.addData(data.districts);
    markers.clearLayers();
    var bounds = [];
    data.stations.forEach(function (s) {
      var colour = s.colour || '#9e9e9e';
      var pm = s.values.pm25 !== undefined ? s.values.pm25.toFixed(1) + ' µg/m³' : labels.labelNoData;
      var icon = L.divIcon({
        className: 'station-icon',
        html: '<span style="display:block;width:18px;height:18px;border-radius:50%;border:2px solid #1b1b1b;background:' + colour + '"></span>',
        iconSize: [22, 22]
      });
      var m = L.marker([s.latitude, s.longitude], { icon: icon, title: s.name + ' – PM2.5 ' + pm, alt: s.name, keyboard: true });
      m.getElement && m.on('add', function () {
        var e = m.getElement();
        if (e) { e.setAttribute('aria-label', s.name + ', PM2.5 ' + pm); e.dataset.station = s.id; }
      });
      m.bindPopup(function () { return popup(s); });
      markers.addLayer(m);
      bounds.push([s.latitude, s.longitude]);
    });
    if (!fitted && bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20] });
      fitted = true;
    } else if (!fitted) {
      map.setView([16.05, 108.2], 11);
    }
  }

  function load() {
    fetch(labels.dataUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(draw)
      .catch(function () { /* keep the last map; the table stays readable */ });
  }
  load();
  setInterval(load, 15000);
})();
