// The dashboard's only script: draws the charts from the options the
// server embedded (data-options), submits the filters on change, and sorts
// tables by a click on a heading. Everything works without it except the
// charts, whose data is in the tables below them.
(function () {
  "use strict";

  function initCharts() {
    if (!window.echarts) {
      return;
    }
    var charts = [];
    document.querySelectorAll(".chart[data-options]").forEach(function (el) {
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(JSON.parse(el.getAttribute("data-options")));
      charts.push(chart);
    });
    // A chart follows its box, not only the window: the box also changes
    // width when a scroll bar appears, the fonts arrive or the page is
    // first laid out at another width than the one it is shown at (a
    // canvas drawn before that overflowed a phone's screen).
    var pending = 0;
    function resizeAll() {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        charts.forEach(function (c) { c.resize(); });
      }, 100);
    }
    if (window.ResizeObserver) {
      var observer = new window.ResizeObserver(resizeAll);
      charts.forEach(function (c) { observer.observe(c.getDom()); });
    } else {
      window.addEventListener("resize", resizeAll);
    }
  }

  // A change of place clears the places below it, then the form submits:
  // the URL keeps the selection, so the page can be sent as a link.
  function initFilters() {
    var form = document.querySelector("form.filters");
    if (!form) {
      return;
    }
    var below = { province: ["city", "county"], city: ["county"] };
    form.querySelectorAll("select").forEach(function (sel) {
      sel.addEventListener("change", function () {
        (below[sel.name] || []).forEach(function (name) {
          var s = form.querySelector("select[name=" + name + "]");
          if (s) {
            s.value = "";
          }
        });
        form.submit();
      });
    });
  }

  function initSorting() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th button.sort").forEach(function (button, col) {
        button.addEventListener("click", function () {
          sortTable(table, col, button.parentElement);
        });
      });
    });
  }

  function sortTable(table, col, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = th.classList.contains("num");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-sort");
      var y = b.cells[col].getAttribute("data-sort");
      // In a numeric column a word (新进, 样本不足) sorts as empty.
      if (numeric) {
        x = isNaN(parseFloat(x)) ? "" : x;
        y = isNaN(parseFloat(y)) ? "" : y;
      }
      // Empty values (not reported) go last either way.
      if (x === "" || y === "") {
        return (x === "") - (y === "");
      }
      var d = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "zh-CN");
      return ascending ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  // A printed page holds every table: folded ones are unfolded before
  // printing and folded back after.
  function initPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  // On a phone the navigation is one line that scrolls sideways: bring
  // the current page's link into view.
  function initNav() {
    var a = document.querySelector(".nav a.active");
    var ul = a && a.closest("ul");
    if (ul && ul.scrollWidth > ul.clientWidth) {
      ul.scrollLeft = a.offsetLeft - ul.offsetLeft - 24;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initNav();
    initPrint();
    initCharts();
    initFilters();
    initSorting();
  });
})();
