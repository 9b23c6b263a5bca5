// The report form's one addition with JavaScript: "use where I am now" fills the position from the phone's
// location. Without it (or when refused), the ward and street fields do the same job.
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
      status.textContent = box.getAttribute('data-found') || (p.coords.latitude.toFixed(5) + ', ' + p.coords.longitude.toFixed(5));
    }, function () {
      status.textContent = box.getAttribute('data-refused') || '';
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
}());
