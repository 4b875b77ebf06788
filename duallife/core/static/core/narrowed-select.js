// Selects narrowed by another select of their form (duallife/core/widgets.py, NarrowedSelect):
// <select data-narrowed-by="prefecture"> lists only the options whose data-parent is the value
// chosen in the form's select named "prefecture", and every option while nothing is chosen there.
// Options are taken out of the list rather than hidden (phones show hidden options anyway).
// Picking an option while its parent select is empty picks the parent too. Without this script
// every option stays, and the server still checks that the two fit.
(function () {
  "use strict";

  var originals = new WeakMap(); // select → its first children, each with its options if a group

  function parentOf(select) {
    var name = select.getAttribute("data-narrowed-by");
    var found = select.form
      ? select.form.elements.namedItem(name)
      : document.querySelector('select[name="' + CSS.escape(name) + '"]');
    return found instanceof HTMLSelectElement ? found : null;
  }

  function original(select) {
    if (!originals.has(select)) {
      originals.set(
        select,
        Array.prototype.map.call(select.children, function (node) {
          return { node: node, options: node.tagName === "OPTGROUP" ? Array.prototype.slice.call(node.children) : null };
        })
      );
    }
    return originals.get(select);
  }

  function fits(option, value) {
    var parent = option.getAttribute("data-parent");
    return value === "" || parent === null || parent === value;
  }

  function narrow(select, parent) {
    var value = parent.value;
    var chosen = select.value;
    var kept = [];
    original(select).forEach(function (entry) {
      if (entry.options === null) {
        if (fits(entry.node, value)) {
          kept.push(entry.node);
        }
        return;
      }
      var options = entry.options.filter(function (option) {
        return fits(option, value);
      });
      entry.node.replaceChildren.apply(entry.node, options);
      if (options.length) {
        kept.push(entry.node);
      }
    });
    select.replaceChildren.apply(select, kept);
    select.value = chosen;
    if (select.value !== chosen) {
      select.selectedIndex = 0; // the choice belongs elsewhere: back to the empty option
    }
  }

  function pickParent(select, parent) {
    var option = select.options[select.selectedIndex];
    var value = option ? option.getAttribute("data-parent") : null;
    if (parent.value !== "" || value === null) {
      return;
    }
    var known = Array.prototype.some.call(parent.options, function (candidate) {
      return candidate.value === value;
    });
    if (known) {
      parent.value = value;
      narrow(select, parent);
    }
  }

  function setUp(select) {
    if (originals.has(select)) {
      return;
    }
    var parent = parentOf(select);
    if (parent === null) {
      return;
    }
    original(select);
    parent.addEventListener("change", function () {
      narrow(select, parent);
    });
    select.addEventListener("change", function () {
      pickParent(select, parent);
    });
    narrow(select, parent);
  }

  function setUpAll() {
    document.querySelectorAll("select[data-narrowed-by]").forEach(setUp);
  }

  setUpAll();
  document.addEventListener("htmx:load", setUpAll); // forms swapped in later
})();
