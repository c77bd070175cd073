// The page's behaviour: builds the table and the details from the embedded JSON, colours the map,
// searches and sorts. Data reaches the page only through textContent and checked link addresses,
// never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("psylegal-data").textContent);
  var statuses = {};
  data.statuses.forEach(function (status, rank) { status.rank = rank; statuses[status.id] = status; });
  var places = {};
  data.places.forEach(function (place) { places[place.id] = place; });

  function make(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function swatch(status) {
    var box = make("span", null, "swatch s-" + status.id);
    box.setAttribute("aria-hidden", "true");
    return box;
  }
  function fold(text) {  // for searching: lower case, accents removed
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function safeLink(title, url) {
    if (!/^https?:\/\//i.test(url)) return make("span", title + " (" + url + ")");
    var link = make("a", title);
    link.href = url;
    link.rel = "noopener noreferrer";
    return link;
  }

  // The map and its therapy switcher.
  var select = document.getElementById("therapy");
  data.therapies.forEach(function (therapy) {
    var option = make("option", therapy.name);
    option.value = therapy.id;
    select.appendChild(option);
  });
  var initial = data.therapies.some(function (t) { return t.id === data.map_therapy; });
  if (initial) select.value = data.map_therapy;

  function colourMap() {
    var therapy = select.value;
    var counts = {};
    var shapes = document.querySelectorAll("#map path[data-place]");
    Array.prototype.forEach.call(shapes, function (shape) {
      var place = places[shape.getAttribute("data-place")];
      var status = place ? statuses[place.therapies[therapy].status] : null;
      shape.setAttribute("fill", status ? status.colour : data.no_data_colour);
      shape.setAttribute("data-status", status ? status.id : "");
      shape.querySelector("title").textContent =
        (place ? place.name : shape.getAttribute("data-code")) + ": " + (status ? status.label : "no data");
      if (status) counts[status.id] = (counts[status.id] || 0) + 1;
    });
    var name = select.options[select.selectedIndex].textContent;
    var when = data.as_of ? " as the law stood at the end of " + data.as_of : "";
    document.getElementById("map-caption").textContent = name + " in the US states and DC" + when + ": " +
      data.statuses.filter(function (s) { return counts[s.id]; })
        .map(function (s) { return s.label + " " + counts[s.id]; }).join(", ") + ".";
  }
  select.addEventListener("change", colourMap);
  colourMap();

  // The table: one row per place, one column per therapy.
  var columns = [
    { key: "name", label: "Place", value: function (p) { return p.name; } },
    { key: "kind", label: "Kind", value: function (p) { return p.kind; } },
    { key: "in", label: "In", value: function (p) { return p.parent_name || ""; } }
  ];
  data.therapies.forEach(function (therapy) {
    columns.push({ key: therapy.id, label: therapy.name, therapy: therapy.id,
      value: function (p) { return statuses[p.therapies[therapy.id].status].rank; } });
  });
  columns.push({ key: "reviewed", label: "Reviewed", value: function (p) { return p.reviewed; } });

  var headRow = document.querySelector("#table thead tr");
  var body = document.querySelector("#table tbody");
  var sortKey = null;
  var sortUp = true;
  columns.forEach(function (column) {
    var th = make("th");
    th.scope = "col";
    th.setAttribute("data-key", column.key);
    var button = make("button", column.label);
    button.type = "button";
    button.addEventListener("click", function () { sortBy(column); });
    th.appendChild(button);
    headRow.appendChild(th);
  });

  var rows = data.places.map(function (place) {
    var tr = make("tr");
    tr.setAttribute("data-place", place.id);
    var first = make("th");
    first.scope = "row";
    var link = make("a", place.name);
    link.href = "#place-" + place.id;
    link.addEventListener("click", function () { openDetails(place.id); });
    first.appendChild(link);
    tr.appendChild(first);
    tr.appendChild(make("td", place.kind));
    tr.appendChild(make("td", place.parent_name || ""));
    data.therapies.forEach(function (therapy) {
      var answer = place.therapies[therapy.id];
      var status = statuses[answer.status];
      var cell = make("td", null, "status");
      cell.appendChild(swatch(status));
      cell.appendChild(document.createTextNode(" " + status.label));
      if (answer.own && answer.own !== answer.status) {
        cell.appendChild(make("span", "own law: " + statuses[answer.own].label.toLowerCase(), "own"));
      }
      tr.appendChild(cell);
    });
    tr.appendChild(make("td", place.reviewed + (place.stale ? " (stale)" : "")));
    body.appendChild(tr);
    return { place: place, node: tr, text: fold([place.name, place.id, place.kind, place.parent_name || ""]
      .concat(place.aliases).join(" ")) };
  });

  function sortBy(column) {
    sortUp = sortKey === column.key ? !sortUp : true;
    sortKey = column.key;
    var ordered = rows.map(function (row, index) { return { row: row, index: index }; });
    ordered.sort(function (a, b) {
      var x = column.value(a.row.place), y = column.value(b.row.place);
      var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
      return (sortUp ? order : -order) || a.index - b.index;
    });
    ordered.forEach(function (item) { body.appendChild(item.row.node); });
    Array.prototype.forEach.call(headRow.children, function (th) {
      if (th.getAttribute("data-key") === column.key) th.setAttribute("aria-sort", sortUp ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  var search = document.getElementById("search");
  function filter() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var match = words.every(function (word) { return row.text.indexOf(word) !== -1; });
      row.node.hidden = !match;
      if (match) shown += 1;
    });
    document.getElementById("count").textContent = shown === rows.length
      ? rows.length + " places" : shown + " of " + rows.length + " places";
  }
  search.addEventListener("input", filter);
  filter();

  // Details: each place's summary, open routes and sources.
  var list = document.getElementById("detail-list");
  data.places.forEach(function (place) {
    var details = make("details");
    details.id = "place-" + place.id;
    details.appendChild(make("summary", place.name));
    details.appendChild(make("p", place.kind + (place.parent_name ? " in " + place.parent_name : "") +
      " · id " + place.id + " · reviewed " + place.reviewed + (place.stale ? " (over a year ago)" : "")));
    if (place.summary) details.appendChild(make("p", place.summary));  // none in a historical page
    var answers = make("ul");
    data.therapies.forEach(function (therapy) {
      var answer = place.therapies[therapy.id];
      var item = make("li");
      item.appendChild(swatch(statuses[answer.status]));
      item.appendChild(document.createTextNode(" " + therapy.name + ": " + statuses[answer.status].label +
        (answer.since ? " since " + answer.since : "") +
        (answer.routes.length ? " — " + answer.routes.join("; ") : "")));
      answers.appendChild(item);
    });
    details.appendChild(answers);
    if (place.sources.length) {
      details.appendChild(make("h4", "Sources"));
      var sources = make("ol");
      place.sources.forEach(function (index) {
        var source = data.sources[index];
        var item = make("li");
        item.appendChild(safeLink(source.title, source.url));
        var about = [source.publisher, source.date].filter(Boolean);
        about.push("read " + source.accessed);
        item.appendChild(document.createTextNode(", " + about.join(", ")));
        sources.appendChild(item);
      });
      details.appendChild(sources);
    }
    list.appendChild(details);
  });

  function openDetails(id) {
    var target = document.getElementById("place-" + id);
    if (target) target.open = true;
  }
  function openFromHash() {
    if (location.hash.indexOf("#place-") !== 0) return;
    try {
      openDetails(decodeURIComponent(location.hash.slice(7)));
    } catch (error) {  // a malformed address: nothing to open
    }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();
