// The live page: one WebSocket to /ws/test/, reopened after any drop (1 s, doubling up to 10 s).
// When WebSockets fail (the first socket closes before it ever opened: a proxy that refuses the
// upgrade, a browser without them), it falls back to the same payloads as Server-Sent Events from
// /events/, which EventSource reopens by itself.
(function () {
  'use strict';
  var configured = document.querySelector('meta[name="notify-ws-url"]').content;
  var url = configured || ((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/test/');
  var badge = document.getElementById('badge');
  var current = document.getElementById('current');
  var status = document.getElementById('status');
  var log = document.getElementById('log');
  var eventsUrl = configured
    ? configured.replace(/^ws(s?):/, 'http$1:').replace(/\/ws\/test\/$/, '/events/')
    : '/events/';
  var retryMs = 1000;
  var everOpened = false;

  function show(state, text) {
    status.className = state;
    status.textContent = text;
  }

  function append(text) {
    var item = document.createElement('li');
    var time = document.createElement('span');
    time.className = 'time';
    time.textContent = new Date().toLocaleTimeString();
    item.appendChild(time);
    item.appendChild(document.createTextNode(text));
    log.insertBefore(item, log.firstChild);
    while (log.children.length > 100) {
      log.removeChild(log.lastChild);
    }
  }

  function received(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      append(text);
      return;
    }
    if (data && Object.prototype.hasOwnProperty.call(data, 'current_notification')) {
      // a notification was saved (or deleted: then current_notification is null)
      badge.textContent = String(data.count);
      if (typeof data.current_notification === 'string') {
        current.textContent = data.current_notification;
        append('notification: ' + data.current_notification + ' (unseen: ' + data.count + ')');
      } else {
        append('unseen: ' + data.count);
      }
    } else if (data && Object.prototype.hasOwnProperty.call(data, 'count')) {
      append('burst: ' + data.count);
    } else {
      append(text);
    }
  }

  function connect() {
    show('closed', 'connecting…');
    var socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      fallBack();
      return;
    }
    socket.onopen = function () {
      everOpened = true;
      retryMs = 1000;
      show('open', 'live');
    };
    socket.onmessage = function (event) {
      received(event.data);
    };
    socket.onclose = function () {
      if (!everOpened && window.EventSource) {
        fallBack();
        return;
      }
      show('closed', 'reconnecting in ' + Math.round(retryMs / 1000) + ' s…');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    };
  }

  function fallBack() {
    show('closed', 'connecting to the event stream…');
    var source = new EventSource(eventsUrl);
    source.onopen = function () {
      show('open', 'live (event stream)');
    };
    source.onmessage = function (event) {
      received(event.data);
    };
    source.onerror = function () {
      show('closed', 'event stream lost; reconnecting…'); // EventSource reconnects with Last-Event-ID
    };
  }

  document.getElementById('burst').addEventListener('click', function () {
    fetch('/home?count=9&delay=1').catch(function (e) { append('burst failed: ' + e); });
  });

  connect();
}());
