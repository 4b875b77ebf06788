/*
 * A search box that narrows a grouped select (progressive enhancement: without it the grouped
 * list alone works, and the box stays hidden).
 *
 * <input type="search" data-filters="id_destination" data-count-text="%(count)s"> keeps in the
 * select only the options whose data-search (name, reading in katakana, English name) holds what
 * was typed, read as the server reads input: NFKC, lower case, hiragana as katakana. The empty
 * option and the chosen one always stay. Options are taken out of the list rather than hidden
 * (phones show hidden options anyway); an empty prefecture group goes with them. The number of
 * places left is announced in a polite live region under the box.
 */
(function () {
  "use strict";

  var originals = new WeakMap(); // select → its first children, each with its options if a group

  function fold(text) {
    return (text || "")
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\u3041-\u3096]/g, function (ch) {
        return String.fromCharCode(ch.charCodeAt(0) + 0x60);
      })
      .replace(/\s+/g, "");
  }

  function original(select) {
    if (!originals.has(select)) {
      originals.set(
        select,
        Array.prototype.map.call(select.children, function (node) {
          return {
            node: node,
            options: node.tagName === "OPTGROUP" ? Array.prototype.slice.call(node.children) : null
          };
        })
      );
    }
    return originals.get(select);
  }

  function matches(option, query, chosen) {
    if (option.value === "" || option.value === chosen || query === "") {
      return true;
    }
    return fold(option.getAttribute("data-search") || option.textContent).indexOf(query) !== -1;
  }

  function narrow(input, select, status) {
    var query = fold(input.value);
    var chosen = select.value;
    var kept = [];
    var count = 0;
    original(select).forEach(function (entry) {
      if (entry.options === null) {
        if (matches(entry.node, query, chosen)) {
          kept.push(entry.node);
        }
        return;
      }
      var options = entry.options.filter(function (option) {
        return matches(option, query, chosen);
      });
      count += options.length;
      entry.node.replaceChildren.apply(entry.node, options);
      if (options.length) {
        kept.push(entry.node);
      }
    });
    select.replaceChildren.apply(select, kept);
    select.value = chosen;
    if (status) {
      var template = input.getAttribute("data-count-text") || "%(count)s";
      status.textContent = query === "" ? "" : template.replace("%(count)s", String(count));
    }
  }

  function setUp(input) {
    if (input.getAttribute("data-filter-ready")) {
      return;
    }
    var select = document.getElementById(input.getAttribute("data-filters"));
    if (!(select instanceof HTMLSelectElement)) {
      return;
    }
    input.setAttribute("data-filter-ready", "1");
    var box = input.closest(".place-filter");
    if (box) {
      box.hidden = false;
    }
    var status = document.createElement("p");
    status.className = "place-filter-count";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", status);
    input.addEventListener("input", function () {
      narrow(input, select, status);
    });
  }

  function setUpAll() {
    document.querySelectorAll("input[data-filters]").forEach(setUp);
  }

  setUpAll();
  document.addEventListener("htmx:load", setUpAll);
})();
