// "Copy" beside a feed address: loaded (deferred) only by pages that have such a button, and
// kept external so the Content-Security-Policy can forbid inline scripts. One listener for the
// whole page, so loading it changes nothing on screen. Without JavaScript the buttons are hidden
// (site.css) and the address can still be selected and copied by hand.
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
    if (!button) return;
    var copied = button;
    var input = /** @type {HTMLInputElement | null} */ (document.getElementById(button.getAttribute('data-copy') || ''));
    if (!input) return;
    input.select();
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    navigator.clipboard.writeText(input.value).then(function () {
      copied.textContent = 'Copied';
      setTimeout(function () { copied.textContent = 'Copy'; }, 2000);
    }, function () {});
  });
})();
