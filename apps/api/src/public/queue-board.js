// Bull Board's own UI (third-party React) leaves its icon buttons and its Redis logo without
// names, which screen readers announce as "button". Until the package names them, this gives
// each a name from its icon, and keeps doing so as the board re-renders.
(function () {
  'use strict';
  var NAMES = {
    maximize: 'Full screen',
    minimize: 'Leave full screen',
    settings: 'Settings',
    'ellipsis-vertical': 'More actions',
    ellipsis: 'More actions',
    menu: 'Menu',
    'panel-left': 'Menu',
    'chevron-down': 'Show more',
    'chevron-up': 'Show less',
    'refresh-cw': 'Refresh',
    'rotate-cw': 'Retry',
    trash: 'Delete',
    'trash-2': 'Delete',
    pause: 'Pause',
    play: 'Resume',
    copy: 'Copy',
    x: 'Close',
  };

  function iconName(button) {
    var icon = button.querySelector('svg[class*="lucide-"]');
    if (!icon) return null;
    var match = /(?:^|\s)lucide-(?!lucide)([a-z0-9-]+)/.exec(icon.getAttribute('class') || '');
    if (!match) return null;
    return NAMES[match[1]] || match[1].replace(/-/g, ' ');
  }

  function name(root) {
    var buttons = root.querySelectorAll('button:not([aria-label]):not([title])');
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      // The Redis logo is an image whose <style> is text: it decides before the text does.
      var logo = button.querySelector('svg[role="img"]');
      if (!logo && button.textContent.trim()) continue;
      var label = logo ? 'Redis details' : iconName(button);
      if (label) button.setAttribute('aria-label', label);
    }
    var images = root.querySelectorAll('svg[role="img"]:not([aria-label]):not([aria-hidden])');
    for (var j = 0; j < images.length; j++) images[j].setAttribute('aria-hidden', 'true');
  }

  function start() {
    name(document);
    new MutationObserver(function () {
      name(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
