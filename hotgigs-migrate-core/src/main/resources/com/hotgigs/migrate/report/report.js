(function () {
  'use strict';

  // Pointing at a table lights up its foreign keys and the tables at their other ends.
  function diagram(svg) {
    var tables = Array.prototype.slice.call(svg.querySelectorAll('g.table'));
    var keys = Array.prototype.slice.call(svg.querySelectorAll('path.fk'));
    function highlight(name) {
      var linked = {};
      keys.forEach(function (key) {
        var on = name !== null && (key.getAttribute('data-from') === name || key.getAttribute('data-to') === name);
        key.classList.toggle('active', on);
        if (on) {
          linked[key.getAttribute('data-from')] = true;
          linked[key.getAttribute('data-to')] = true;
        }
      });
      tables.forEach(function (table) {
        var own = table.getAttribute('data-table');
        var lit = own === name || linked[own] === true;
        table.classList.toggle('active', name !== null && lit);
        table.classList.toggle('dimmed', name !== null && !lit);
      });
      svg.classList.toggle('highlighting', name !== null);
    }
    tables.forEach(function (table) {
      table.addEventListener('mouseenter', function () { highlight(table.getAttribute('data-table')); });
      table.addEventListener('mouseleave', function () { highlight(null); });
    });
  }

  // The buttons above the timeline show the migrations of one state, or all.
  function filters(root) {
    var buttons = Array.prototype.slice.call(root.querySelectorAll('.filters button'));
    var entries = Array.prototype.slice.call(root.querySelectorAll('ol.timeline li'));
    buttons.forEach(function (button) {
      button.addEventListener('click', function () {
        var state = button.getAttribute('data-state');
        buttons.forEach(function (other) { other.setAttribute('aria-pressed', String(other === button)); });
        entries.forEach(function (entry) { entry.hidden = state !== 'ALL' && entry.getAttribute('data-state') !== state; });
      });
    });
  }

  Array.prototype.slice.call(document.querySelectorAll('.hotgigs-report')).forEach(function (root) {
    var svg = root.querySelector('svg.schema-diagram');
    if (svg) {
      diagram(svg);
    }
    filters(root);
    // Tells a reader of the page (and its browser test) that the script ran to the end.
    root.setAttribute('data-ready', 'true');
  });
})();
