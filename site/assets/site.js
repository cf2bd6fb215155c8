// The one script every page loads (kept external so the Content-Security-Policy can forbid
// inline scripts). Without it every page still works: light colours, no copy buttons, no search.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');

  // Colour mode: follow the system's light or dark preference (Bootstrap's data-bs-theme).
  var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function applyTheme() {
    root.setAttribute('data-bs-theme', dark && dark.matches ? 'dark' : 'light');
  }
  applyTheme();
  if (dark && dark.addEventListener) dark.addEventListener('change', applyTheme);

  document.addEventListener('DOMContentLoaded', function () {
    // Controls that only work with JavaScript stay hidden without it.
    document.querySelectorAll('[data-needs-js]').forEach(function (element) {
      element.hidden = false;
    });

    // "Copy" beside a feed address.
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var input = document.getElementById(button.getAttribute('data-copy'));
        if (!input) return;
        var done = function () {
          button.textContent = 'Copied';
          setTimeout(function () { button.textContent = 'Copy'; }, 2000);
        };
        input.select();
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(input.value).then(done, function () {});
        }
      });
    });
  });
})();
