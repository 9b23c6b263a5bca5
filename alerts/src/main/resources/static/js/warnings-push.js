// Warnings as notifications in this browser (Web Push), with no account: registers the service worker, subscribes
// with the city's VAPID key and sends the subscription and the chosen wards to Saola. The form stays hidden (and
// the page says so) where the browser has no service workers, Push API or notifications.
(function () {
  'use strict';
  var form = document.getElementById('push-form');
  if (!form) {
    return;
  }
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window) || !window.isSecureContext) {
    return;
  }
  var status = document.getElementById('push-status');
  var stop = document.getElementById('push-stop');
  var d = form.dataset;
  form.hidden = false;
  document.getElementById('push-none').hidden = true;

  function say(text) {
    status.textContent = text;
  }

  function bytes(base64url) {
    var s = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(s + '='.repeat((4 - s.length % 4) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out;
  }

  function post(url, body) {
    return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})
      .then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r;
      });
  }

  // The worker's scope is /js/, not this page: navigator.serviceWorker.ready would wait for ever. Push needs the
  // registration's own worker active, so wait for that.
  function active(reg) {
    if (reg.active) {
      return Promise.resolve(reg);
    }
    var w = reg.installing || reg.waiting;
    return new Promise(function (resolve, reject) {
      w.addEventListener('statechange', function () {
        if (w.state === 'activated') {
          resolve(reg);
        } else if (w.state === 'redundant') {
          reject(new Error('the service worker did not install'));
        }
      });
    });
  }

  function current() {
    return navigator.serviceWorker.getRegistration(d.worker).then(function (reg) {
      return reg ? reg.pushManager.getSubscription() : null;
    });
  }

  current().then(function (sub) {
    if (sub) {
      say(d.msgOn);
      stop.hidden = false;
    }
  }).catch(function () { /* nothing known yet */ });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var city = document.getElementById('push-scope-city').checked;
    var wards = Array.prototype.map.call(form.querySelectorAll('input[name="push-ward"]:checked'), function (c) {
      return c.value;
    });
    if (!city && wards.length === 0) {
      say(d.msgNoward);
      return;
    }
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        say(d.msgDenied);
        return null;
      }
      return navigator.serviceWorker.register(d.worker).then(active).then(function (reg) {
        return reg.pushManager.getSubscription().then(function (existing) {
          if (existing) {
            return existing;
          }
          return fetch(d.keyUrl).then(function (r) { return r.json(); }).then(function (k) {
            return reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: bytes(k.publicKey)});
          });
        });
      }).then(function (sub) {
        return post(d.subscribeUrl, city
          ? {subscription: sub.toJSON(), wholeCity: true, language: d.lang}
          : {subscription: sub.toJSON(), wards: wards, language: d.lang});
      }).then(function () {
        say(d.msgSaved);
        stop.hidden = false;
      });
    }).catch(function () {
      say(d.msgFailed);
    });
  });

  stop.addEventListener('click', function () {
    current().then(function (sub) {
      if (!sub) {
        return null;
      }
      var endpoint = sub.endpoint;
      return sub.unsubscribe().then(function () {
        return post(d.removeUrl, {endpoint: endpoint});
      });
    }).then(function () {
      say(d.msgStopped);
      stop.hidden = true;
    }).catch(function () {
      say(d.msgFailed);
    });
  });
}());
