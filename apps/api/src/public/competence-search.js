// Progressive enhancement for the competence checkboxes of /behov/ny: a search field (ARIA
// combobox) over /api/v1/competences?q= that ticks the chosen competence. Without JavaScript
// the grouped checkboxes work on their own.
(function () {
  'use strict';
  var picker = document.querySelector('[data-competence-picker]');
  var slot = picker && picker.querySelector('[data-competence-search-slot]');
  if (!picker || !slot || !window.fetch) return;

  slot.className = 'competence-search';
  slot.innerHTML =
    '<label for="competence-search">Sök kompetens</label>' +
    '<p class="hint" id="competence-search-hint">Skriv till exempel truck, svets eller excel. Välj med piltangenterna och Enter.</p>' +
    '<input id="competence-search" type="text" class="w-full" role="combobox" autocomplete="off"' +
    ' aria-autocomplete="list" aria-expanded="false" aria-controls="competence-search-list"' +
    ' aria-describedby="competence-search-hint">' +
    '<ul id="competence-search-list" role="listbox" aria-label="Förslag" hidden></ul>' +
    '<p class="visually-hidden" aria-live="polite" id="competence-search-status"></p>';

  var input = slot.querySelector('input');
  var list = slot.querySelector('ul');
  var status = slot.querySelector('#competence-search-status');
  var options = [];
  var active = -1;
  var timer = null;
  var seq = 0;

  function close() {
    list.hidden = true;
    list.innerHTML = '';
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    options = [];
    active = -1;
  }

  function setActive(index) {
    var items = list.querySelectorAll('[role="option"]');
    if (!items.length) return;
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute('aria-selected', i === active ? 'true' : 'false');
    }
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  }

  function updateCounts() {
    var areas = picker.querySelectorAll('details.competence-area');
    for (var i = 0; i < areas.length; i++) {
      var n = areas[i].querySelectorAll('input[type="checkbox"]:checked').length;
      var count = areas[i].querySelector('[data-count]');
      if (count) count.textContent = n ? '(' + n + (n === 1 ? ' vald)' : ' valda)') : '';
    }
  }

  function choose(option) {
    var box = document.getElementById('competence-' + option.id);
    if (!box) return;
    box.checked = true;
    var details = box.closest('details');
    if (details) details.open = true;
    updateCounts();
    status.textContent = option.label + ' är vald.';
    input.value = '';
    close();
  }

  function render(results) {
    list.innerHTML = '';
    options = results;
    results.forEach(function (c, i) {
      var li = document.createElement('li');
      li.id = 'competence-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = c.label + ' ';
      var area = document.createElement('span');
      area.className = 'area';
      area.textContent = '(' + (c.areaLabel || c.area) + ')';
      li.appendChild(area);
      li.addEventListener('mousedown', function (event) {
        event.preventDefault();
        choose(c);
      });
      list.appendChild(li);
    });
    var open = results.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    active = -1;
    status.textContent = open ? results.length + ' förslag.' : 'Inga förslag.';
  }

  function search() {
    var q = input.value.trim();
    if (q.length < 2) return close();
    var mine = ++seq;
    fetch('/api/v1/competences?q=' + encodeURIComponent(q), {
      headers: { Accept: 'application/json' },
    })
      .then(function (r) {
        return r.ok ? r.json() : [];
      })
      .then(function (results) {
        if (mine === seq) render(results.slice(0, 10));
      })
      .catch(function () {
        /* the checkboxes still work */
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(active - 1);
    } else if (event.key === 'Enter') {
      // Never submit the form from the search field.
      event.preventDefault();
      if (active >= 0 && options[active]) choose(options[active]);
      else if (options.length === 1) choose(options[0]);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', function () {
    setTimeout(close, 150);
  });
  picker.addEventListener('change', updateCounts);
})();
