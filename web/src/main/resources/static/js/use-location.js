// "Use where I am now" on residents' forms (a report, a proposal): fills the hidden lat/lon fields from the
// phone's location. The box (#locate) stays hidden without JavaScript or geolocation; the ward and place fields
// do the same job then. Its data-found and data-refused attributes say what happened, in the page's language.
(function () {
  var box = document.getElementById('locate');
  if (!box || !navigator.geolocation) { return; }
  box.hidden = false;
  var status = document.getElementById('location-status');
  document.getElementById('use-location').addEventListener('click', function () {
    status.textContent = '…';
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('lat').value = p.coords.latitude.toFixed(6);
      document.getElementById('lon').value = p.coords.longitude.toFixed(6);
      document.getElementById('lat').dispatchEvent(new Event('change'));   // a map on the form shows it
      status.textContent = box.getAttribute('data-found') || (p.coords.latitude.toFixed(5) + ', ' + p.coords.longitude.toFixed(5));
    }, function () {
      status.textContent = box.getAttribute('data-refused') || '';
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
}());
