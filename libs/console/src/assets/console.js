// Progressive enhancement only: every page works without this file. It keeps a delivery list live by
// listening to the console's server-sent events and swapping in the table body the server rendered.
(function () {
  'use strict';
  var rows = document.querySelector('tbody[data-live-src]');
  if (!rows || !('EventSource' in window)) return;
  var status = document.getElementById('live-status');
  var source = new EventSource(rows.getAttribute('data-live-src'));
  source.addEventListener('rows', function (event) {
    var update = JSON.parse(event.data);
    rows.innerHTML = update.html;
    if (status) status.textContent = 'Updated: ' + update.count + ' matching deliveries.';
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
