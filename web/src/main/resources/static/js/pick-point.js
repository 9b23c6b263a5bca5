// "Choose the place on a map" on residents' forms (a report, a proposal). Without JavaScript the box stays
// hidden and the ward and place-in-words fields do the job. Leaflet (about 40 kB) loads only when the resident
// opens the map, so a slow connection pays for it only when it is wanted. It outlines the city's areas with
// their names, over street tiles where the city runs a tile server (map-tiles.js). A click puts the point; keyboard users move the
// map with the arrow keys and choose its centre (marked by a cross) with a button. The point fills the form's
// hidden lat/lon fields, the same ones "use where I am now" fills.
(function () {
  'use strict';
  var box = document.getElementById('pick-point');
  if (!box) { return; }
  var lat = document.getElementById(box.getAttribute('data-lat-field'));
  var lon = document.getElementById(box.getAttribute('data-lon-field'));
  var status = document.getElementById('pick-status');
  var el = document.getElementById('pick-map');
  var map = null;
  var marker = null;
  box.hidden = false;

  function load(done) {
    if (window.L) { done(); return; }
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = box.getAttribute('data-leaflet-css');
    document.head.appendChild(css);
    var js = document.createElement('script');
    js.src = box.getAttribute('data-leaflet-js');
    js.onload = done;
    js.onerror = function () {
      status.textContent = box.getAttribute('data-failed');
      document.getElementById('pick-open').hidden = false;          // try again later
      document.head.removeChild(js);
    };
    document.head.appendChild(js);
  }

  function put(latitude, longitude, announce) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (map) {
      if (marker) { marker.setLatLng([latitude, longitude]); } else {
        marker = L.circleMarker([latitude, longitude], { radius: 9, color: '#b3261e', weight: 3, fillOpacity: 0.6 }).addTo(map);
      }
    }
    if (announce) { status.textContent = box.getAttribute('data-chosen') + ' ' + lat.value + ', ' + lon.value; }
  }

  function open() {
    document.getElementById('pick-open').hidden = true;
    status.textContent = '…';
    load(function () {
      el.hidden = false;
      document.getElementById('pick-centre').hidden = false;
      map = L.map(el, { scrollWheelZoom: false }).setView([16.05, 108.2], 12);
      if (window.saolaTiles) { window.saolaTiles(map); }
      status.textContent = box.getAttribute('data-help');
      fetch(box.getAttribute('data-areas-url'), { headers: { Accept: 'application/geo+json' } })
        .then(function (r) { return r.ok ? r.json() : { features: [] }; })
        .then(function (areas) {
          if (!areas.features || !areas.features.length) { return; }
          var layer = L.geoJSON(areas, {
            style: { color: '#1f5fa8', weight: 2, fillOpacity: 0.05 },
            onEachFeature: function (f, l) {
              // The name as text, never as HTML: areas are entities anyone with write access to the context names.
              var label = document.createElement('span');
              label.textContent = f.properties && f.properties.name ? f.properties.name : '';
              l.bindTooltip(label, { permanent: true, direction: 'center', className: 'area-name' });
            }
          }).addTo(map);
          if (!lat.value) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
          // a click on an area reaches the map's own handler below (paths bubble their clicks)
        })
        .catch(function () { /* the map still takes a point; the ward field names the area */ });
      map.on('click', function (e) { put(e.latlng.lat, e.latlng.lng, true); });
      if (lat.value && lon.value) {
        put(parseFloat(lat.value), parseFloat(lon.value), false);
        map.setView([parseFloat(lat.value), parseFloat(lon.value)], 15);
      }
    });
  }

  document.getElementById('pick-open').addEventListener('click', open);
  document.getElementById('pick-centre').addEventListener('click', function () {
    if (map) { var c = map.getCenter(); put(c.lat, c.lng, true); }
  });
  // "Use where I am now" filled the fields: show that point on the map too.
  lat.addEventListener('change', function () {
    if (map && lat.value && lon.value) {
      put(parseFloat(lat.value), parseFloat(lon.value), false);
      map.setView([parseFloat(lat.value), parseFloat(lon.value)], 16);
    }
  });
}());
