// The service worker that shows the city's warnings pushed to this browser (see warnings-push.js). A message is
// {title, body, url, lang, tag, urgent}; a newer message of the same warning replaces the older notification.
self.addEventListener('push', function (event) {
  var m = {};
  try {
    m = event.data ? event.data.json() : {};
  } catch (e) {
    m = {title: event.data ? event.data.text() : ''};
  }
  event.waitUntil(self.registration.showNotification(m.title || 'Cảnh báo / Warning', {
    body: m.body || '',
    lang: m.lang || 'vi',
    tag: m.tag,
    renotify: !!m.tag,
    requireInteraction: !!m.urgent,
    data: {url: m.url || '/city/warnings'}
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  event.waitUntil(self.clients.openWindow(url || '/city/warnings'));
});
