// Filters and sort for the cluster index. The page is complete without this script.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var body = document.querySelector("table.index tbody");
  if (!form || !body) { return; }
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr"));
  var status = document.getElementById("filter-status");
  var sections = document.getElementById("clusters");

  function matches(row, name, wanted) {
    if (!wanted) { return true; }
    return JSON.parse(row.getAttribute("data-" + name)).indexOf(wanted) !== -1;
  }

  function apply() {
    var verdict = form.elements.verdict.value;
    var outlet = form.elements.outlet.value;
    var speaker = form.elements.speaker.value;
    var order = form.elements.sort.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row, "verdict", verdict) && matches(row, "outlets", outlet) && matches(row, "speaker", speaker);
      row.hidden = !visible;
      var section = document.getElementById(row.getAttribute("data-target"));
      if (section && sections && sections.contains(section)) { section.hidden = !visible; }
      if (visible) { shown += 1; }
    });
    var sorted = rows.slice().sort(function (a, b) {
      var da = Number(a.getAttribute("data-drift")), db = Number(b.getAttribute("data-drift"));
      var byDrift = order === "drift-asc" ? da - db : order === "drift-desc" ? db - da : 0;
      return byDrift || Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank"));
    });
    sorted.forEach(function (row) {
      body.appendChild(row);
      var section = document.getElementById(row.getAttribute("data-target"));
      if (section && sections && sections.contains(section)) { sections.appendChild(section); }
    });
    status.textContent = "Showing " + shown + " of " + rows.length + " clusters";
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
