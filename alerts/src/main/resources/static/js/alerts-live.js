// The alert list keeps itself up to date: the server says when an alert is raised or resolved (server-sent
// events), and the list is fetched again and swapped in. Without JavaScript the page works as it is; reload it.
(function () {
  'use strict';
  var region = document.getElementById('alerts-live');
  if (!region || !window.EventSource || !window.fetch) {
    return;
  }
  var waiting = false;
  var stale = false;

  function refresh() {
    if (region.contains(document.activeElement)) {
      stale = true;           // never pull the list from under someone's keyboard: wait until they leave it
      return;
    }
    stale = false;
    fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('alerts-live');
        if (fresh) {
          region.innerHTML = fresh.innerHTML;
        }
      })
      .catch(function () { stale = true; })
      .then(function () { waiting = false; });
  }

  region.addEventListener('focusout', function () {
    setTimeout(function () {
      if (stale && !region.contains(document.activeElement)) {
        refresh();
      }
    }, 0);
  });

  var source = new EventSource(region.getAttribute('data-stream'));
  source.addEventListener('alert', function () {
    if (!waiting) {
      waiting = true;
      setTimeout(refresh, 250);      // one fetch for a burst of alerts
    }
  });
})();
