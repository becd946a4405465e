// PortImpact HTML report: sort a table by a click on its header, filter it by the text box above it.
// Without JavaScript the page reads the same; the filter boxes stay hidden and the headers are plain.
(function () {
  "use strict";
  var collator = new Intl.Collator(document.documentElement.lang || "en", { numeric: true, sensitivity: "base" });

  function keyOf(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return key !== null ? key : cell.textContent.trim();
  }

  function sortable(table) {
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    // The order as written is the tie-breaker, so equal keys keep the report's own order whichever way one sorts.
    Array.prototype.forEach.call(body.rows, function (row, index) { row.setAttribute("data-order", String(index)); });
    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = (table.getAttribute("data-sort-title") || "{0}").replace("{0}", header.textContent.trim());
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var descending = header.getAttribute("aria-sort") === "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(keyOf(a, column), keyOf(b, column));
          if (descending) order = -order;
          return order !== 0 ? order : Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filterable(tools) {
    var table = document.getElementById(tools.getAttribute("data-table"));
    if (!table) return;
    var input = tools.querySelector("input");
    var count = tools.querySelector(".row-count");
    var template = count.getAttribute("data-template") || "{0} / {1}";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(function (word) { return word.length > 0; });
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = template.replace("{0}", String(shown)).replace("{1}", String(rows.length));
    }
    input.addEventListener("input", apply);
    tools.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);
  Array.prototype.forEach.call(document.querySelectorAll(".table-tools[data-table]"), filterable);
})();
