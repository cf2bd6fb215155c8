// The search page: Pagefind's UI over the index the build wrote to pagefind/ beside assets/.
// Found from this script's own address, so it works under any path prefix.
(function () {
  'use strict';
  var script = /** @type {HTMLScriptElement} */ (document.currentScript);
  var bundle = new URL('../pagefind/', script.src).href;
  /** @type {any} Pagefind's UI script adds PagefindUI to the window. */
  var page = window;

  function unavailable() {
    var container = document.getElementById('search');
    if (container) container.hidden = true;
    var note = document.getElementById('search-unavailable');
    if (note) note.hidden = false;
  }

  function start() {
    // site.css hides the no-JavaScript note already where browsers know `@media (scripting)`.
    document.querySelectorAll('.no-js-only').forEach(function (element) {
      if (!(element instanceof HTMLElement)) return;
      element.hidden = true;
    });

    var style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = bundle + 'pagefind-ui.css';
    document.head.appendChild(style);

    var ui = document.createElement('script');
    ui.src = bundle + 'pagefind-ui.js';
    ui.onerror = unavailable;
    ui.onload = function () {
      if (typeof page.PagefindUI !== 'function') return unavailable();
      var search = new page.PagefindUI({
        element: '#search',
        bundlePath: bundle,
        showSubResults: false,
        showImages: false,
        translations: { placeholder: 'Search events and groups' },
      });
      // Pagefind's input is named only by its title attribute; give it a proper label.
      var input = document.querySelector('#search input');
      if (input) input.setAttribute('aria-label', 'Search events and groups');
      var query = new URLSearchParams(window.location.search).get('q');
      if (query) search.triggerSearch(query);
    };
    document.head.appendChild(ui);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
