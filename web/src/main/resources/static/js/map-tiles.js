// Street tiles under every map, when the city runs a tile server (saola.maps.tile-url): each map script calls
// saolaTiles(map) once it has made its map. Without one, this script is not even loaded, and the maps outline
// the city's areas instead, which works offline and costs a slow connection nothing.
window.saolaTiles = function (map) {
  'use strict';
  var meta = document.querySelector('meta[name="saola-map-tiles"]');
  if (!meta || !window.L) { return; }
  L.tileLayer(meta.getAttribute('content'), {
    attribution: meta.getAttribute('data-attribution') || '',
    maxZoom: 19
  }).addTo(map);
};
