// The SQL console (/sql): the CodeMirror editor, running a query through
// POST /api/sql, the result as a paginated table, its downloads
// (POST /export/sql.csv|xlsx), a chart of two of its columns drawn with
// ECharts, the example queries and the schema browser. Without JavaScript
// the form posts to /sql and the server shows the first rows.
(function () {
  "use strict";

  var PAGE_SIZES = [20, 50, 100, 500];
  var CHART_ROWS = 1000; // a chart of more bars than this says nothing

  var editor = null; // CodeMirror, when it loaded
  var textarea;
  var state = null; // the shown result: {sql, columns, rows, page, size}
  var marks = [];
  var chart = null;

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function getSQL() {
    return editor ? editor.getValue() : textarea.value;
  }

  function setSQL(sql) {
    if (editor) {
      editor.setValue(sql);
      editor.focus();
      editor.setCursor(editor.lineCount(), 0);
    } else {
      textarea.value = sql;
    }
  }

  function setStatus(text) {
    $("sql-status").textContent = text;
  }

  // The schema browser's tables and columns, for completion.
  function schemaTables() {
    var out = {};
    document.querySelectorAll("#sql-schema details[data-table]").forEach(function (d) {
      out[d.getAttribute("data-table")] = Array.prototype.map.call(
        d.querySelectorAll("button[data-column]"), function (b) { return b.getAttribute("data-column"); });
    });
    return out;
  }

  function initEditor() {
    textarea = $("sql-input");
    if (!window.CodeMirror) {
      textarea.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          run();
        }
      });
      return;
    }
    editor = window.CodeMirror.fromTextArea(textarea, {
      mode: "text/x-pgsql",
      lineNumbers: true,
      matchBrackets: true,
      indentUnit: 4,
      extraKeys: {
        "Ctrl-Enter": run,
        "Cmd-Enter": run,
        "Ctrl-Space": "autocomplete",
      },
      hintOptions: { tables: schemaTables(), completeSingle: false },
    });
    editor.on("change", clearMarks);
  }

  // post sends a query with the session's CSRF token (the layout's
  // <meta name="csrf-token">, present when signed in).
  function post(url, sql) {
    var headers = { "Content-Type": "application/json" };
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) {
      headers["X-CSRF-Token"] = token.getAttribute("content");
    }
    return window.fetch(url, {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ sql: sql }),
    });
  }

  // readJSON reads a response's JSON, or makes an error of its text.
  function readJSON(res) {
    return res.text().then(function (text) {
      try {
        return JSON.parse(text);
      } catch (e) {
        return { error: "服务器返回 " + res.status + "：" + text.slice(0, 200) };
      }
    });
  }

  var running = false;

  function run() {
    if (running) {
      return;
    }
    var sql = getSQL();
    if (!sql.trim()) {
      showError({ error: "请输入一条 SELECT 查询" });
      return;
    }
    running = true;
    $("sql-run").disabled = true;
    setStatus("正在运行…");
    clearMarks();
    var started = Date.now();
    post("/api/sql", sql).then(function (res) {
      return readJSON(res).then(function (body) {
        if (res.ok) {
          showResult(sql, body);
        } else {
          showError(body);
        }
      });
    }).catch(function (err) {
      showError({ error: "无法连接服务器：" + err.message });
    }).then(function () {
      running = false;
      $("sql-run").disabled = false;
      if ($("sql-status").textContent === "正在运行…") {
        setStatus("用时 " + (Date.now() - started) + " 毫秒");
      }
    });
  }

  function showError(body) {
    $("sql-result").hidden = true;
    $("sql-error").hidden = false;
    $("sql-error-title").textContent = body.error || "查询失败";
    $("sql-error-message").textContent = body.message || "";
    $("sql-error-message").hidden = !body.message;
    setStatus("查询失败");
    if (editor && body.line > 0) {
      var line = body.line - 1;
      var ch = Math.max(body.column - 1, 0);
      marks.push({ line: editor.addLineClass(line, "background", "cm-error-line") });
      marks.push({ mark: editor.markText({ line: line, ch: ch }, { line: line, ch: ch + 1 }, { className: "cm-error-mark" }) });
      editor.setCursor({ line: line, ch: ch });
    }
  }

  function clearMarks() {
    marks.forEach(function (m) {
      if (m.mark) {
        m.mark.clear();
      } else if (editor) {
        editor.removeLineClass(m.line, "background", "cm-error-line");
      }
    });
    marks = [];
  }

  function number(n) {
    return n.toLocaleString("zh-CN");
  }

  function showResult(sql, body) {
    $("sql-error").hidden = true;
    $("sql-result").hidden = false;
    $("sql-downloads").hidden = false;
    state = { sql: sql, columns: body.columns, rows: body.rows, page: 0, size: state ? state.size : 50 };
    var summary = body.truncated
      ? body.cut_note || "结果超过 " + number(body.max_rows) + " 行，只返回前 " + number(body.row_count) + " 行"
      : "共 " + number(body.row_count) + " 行";
    $("sql-summary").textContent = summary + "，用时 " + number(body.elapsed_ms) + " 毫秒";
    setStatus(summary);
    renderPage();
    initChartControls();
    if (sql.length <= 2000) {
      window.history.replaceState(null, "", "/sql?sql=" + encodeURIComponent(sql));
    }
  }

  function cellText(v) {
    if (v === null) {
      return "NULL";
    }
    if (typeof v === "object") {
      return JSON.stringify(v);
    }
    return String(v);
  }

  function renderPage() {
    var cols = state.columns;
    var first = state.page * state.size;
    var rows = state.rows.slice(first, first + state.size);
    var table = el("table", { class: "data" });
    table.appendChild(el("caption", { class: "sr" }, "查询结果"));
    var head = el("tr");
    cols.forEach(function (c) {
      head.appendChild(el("th", { scope: "col", title: c.type, class: c.numeric ? "num" : "" }, c.name));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = body.appendChild(el("tr"));
      r.forEach(function (v, i) {
        var cls = (v === null ? "null " : "") + (cols[i].numeric ? "num" : "");
        tr.appendChild(el("td", { class: cls.trim() }, cellText(v)));
      });
    });
    var wrap = el("div", { class: "table-wrap" });
    wrap.appendChild(table);
    $("sql-table").replaceChildren(wrap);
    if (rows.length === 0) {
      $("sql-table").appendChild(el("p", { class: "empty" }, "查询没有返回任何行。"));
    }
    renderPager();
  }

  function renderPager() {
    var pager = $("sql-pager");
    var total = state.rows.length;
    var pages = Math.max(1, Math.ceil(total / state.size));
    pager.hidden = total === 0;
    pager.replaceChildren();
    function button(label, page, disabled) {
      var b = el("button", { type: "button" }, label);
      b.disabled = disabled;
      b.addEventListener("click", function () {
        state.page = page;
        renderPage();
      });
      pager.appendChild(b);
    }
    button("首页", 0, state.page === 0);
    button("上一页", state.page - 1, state.page === 0);
    var first = state.page * state.size;
    pager.appendChild(el("span", { class: "note" }, "第 " + (state.page + 1) + " / " + pages + " 页（第 " +
      number(total === 0 ? 0 : first + 1) + "–" + number(Math.min(first + state.size, total)) + " 行）"));
    button("下一页", state.page + 1, state.page >= pages - 1);
    button("末页", pages - 1, state.page >= pages - 1);
    var label = el("label", {}, "每页");
    var size = el("select", { "aria-label": "每页行数" });
    PAGE_SIZES.forEach(function (n) {
      var o = el("option", { value: String(n) }, String(n));
      o.selected = n === state.size;
      size.appendChild(o);
    });
    size.addEventListener("change", function () {
      state.size = parseInt(size.value, 10);
      state.page = 0;
      renderPage();
    });
    label.appendChild(size);
    pager.appendChild(label);
  }

  // A column that identifies or counts time rather than measures: never a
  // value drawn by default (a year, an id, a rank).
  var NOT_A_MEASURE = /(^|_)(id|year|rank|no)$|^(year|id)|年份|年度|名次|编号|排名/i;
  var A_YEAR = /(^|_)year$|^year|年份|年度/i;

  // initChartControls offers every column as the label and the numeric
  // ones as values, choosing the first text column as the label (else a
  // year) and the measures among the numeric columns (not years, ids or
  // ranks, at most four) as values, so one click draws a sensible chart of
  // one or several series.
  function initChartControls() {
    var controls = $("sql-chart-controls");
    var labelSel = $("sql-chart-label");
    var valueSel = $("sql-chart-value");
    var cols = state.columns;
    labelSel.replaceChildren();
    valueSel.replaceChildren();
    var label = -1;
    cols.forEach(function (c, i) {
      labelSel.appendChild(el("option", { value: String(i) }, c.name));
      if (label < 0 && !c.numeric) {
        label = i;
      }
    });
    if (label < 0) {
      label = cols.findIndex(function (c) { return A_YEAR.test(c.name); });
    }
    label = Math.max(label, 0);
    var chosen = [];
    var fallback = -1;
    cols.forEach(function (c, i) {
      if (!c.numeric) {
        return;
      }
      var opt = el("option", { value: String(i) }, c.name);
      valueSel.appendChild(opt);
      if (i === label) {
        return;
      }
      if (fallback < 0) {
        fallback = i;
      }
      if (!NOT_A_MEASURE.test(c.name) && chosen.length < 4) {
        chosen.push(i);
      }
    });
    if (chosen.length === 0 && fallback >= 0) {
      chosen.push(fallback);
    }
    labelSel.value = String(label);
    Array.prototype.forEach.call(valueSel.options, function (o) {
      o.selected = chosen.indexOf(parseInt(o.value, 10)) >= 0;
    });
    controls.hidden = state.rows.length === 0;
    var drawable = valueSel.options.length > 0;
    $("sql-chart-draw").disabled = !drawable;
    $("sql-chart-note").textContent = drawable ? "" : "结果中没有数值列，无法绘图。";
    $("sql-chart").hidden = true;
    if (chart) {
      chart.clear();
    }
  }

  function drawChart() {
    if (!state || !window.echarts) {
      return;
    }
    var li = parseInt($("sql-chart-label").value, 10);
    var vis = Array.prototype.filter.call($("sql-chart-value").options, function (o) { return o.selected; })
      .map(function (o) { return parseInt(o.value, 10); });
    if (vis.length === 0) {
      $("sql-chart-note").textContent = "请选择至少一个数值列。";
      return;
    }
    var type = $("sql-chart-type").value;
    var rows = state.rows.slice(0, CHART_ROWS);
    var labels = rows.map(function (r) { return cellText(r[li]); });
    var series = vis.map(function (vi) {
      return {
        name: state.columns[vi].name, type: type, barMaxWidth: 48, connectNulls: false,
        data: rows.map(function (r) { return r[vi] === null ? null : Number(r[vi]); }),
      };
    });
    var box = $("sql-chart");
    box.hidden = false;
    chart = window.echarts.getInstanceByDom(box) || window.echarts.init(box, null, { renderer: "canvas" });
    var many = labels.length > 40;
    chart.setOption({
      color: ["#1d4e89", "#e67e22", "#1e7b45", "#8e44ad"],
      tooltip: { trigger: "axis" },
      legend: { show: series.length > 1, top: 0 },
      grid: { left: 16, right: 24, top: 36, bottom: many ? 56 : 16, containLabel: true },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: labels.length > 8 ? 30 : 0, hideOverlap: true } },
      yAxis: { type: "value", name: series.length === 1 ? series[0].name : "" },
      dataZoom: many ? [{ type: "slider", start: 0, end: Math.max(5, 4000 / labels.length) }, { type: "inside" }] : [],
      series: series,
    }, true);
    $("sql-chart-note").textContent = state.rows.length > CHART_ROWS
      ? "图中显示前 " + number(CHART_ROWS) + " 行。" : "";
  }

  function download(format) {
    if (!state) {
      return;
    }
    setStatus("正在生成下载文件…");
    post("/export/sql." + format, state.sql).then(function (res) {
      if (!res.ok) {
        return res.text().then(function (text) {
          var parts = text.split("\n\n");
          showError({ error: parts[0], message: parts.slice(1).join("\n\n").trim() });
        });
      }
      var name = (res.headers.get("Content-Disposition") || "").replace(/^.*filename="([^"]+)".*$/, "$1") || "query." + format;
      return res.blob().then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: name });
        document.body.appendChild(a);
        a.click();
        a.remove();
        window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
        setStatus("已下载 " + name);
      });
    }).catch(function (err) {
      showError({ error: "无法连接服务器：" + err.message });
    });
  }

  function initExamples() {
    document.querySelectorAll("a.example[data-example]").forEach(function (a) {
      a.addEventListener("click", function (e) {
        var pre = document.querySelector('pre[data-example-sql="' + a.getAttribute("data-example") + '"]');
        if (!pre) {
          return;
        }
        e.preventDefault();
        setSQL(pre.textContent);
        $("sql-form").scrollIntoView({ block: "start" });
        run();
      });
    });
  }

  function initSchema() {
    document.querySelectorAll("#sql-schema button[data-column]").forEach(function (b) {
      b.addEventListener("click", function () {
        var name = b.getAttribute("data-column");
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
          name = '"' + name.replace(/"/g, '""') + '"'; // figures' columns are keys with dots
        }
        if (editor) {
          editor.replaceSelection(name);
          editor.focus();
        } else {
          textarea.value += name;
        }
      });
    });
    var filter = $("sql-schema-filter");
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      // A table whose name or description matches shows every column;
      // otherwise only the columns that match.
      document.querySelectorAll("#sql-schema details").forEach(function (d) {
        var head = Array.prototype.map.call(d.querySelectorAll("summary, .schema-desc, :scope > .schema-en"),
          function (e) { return e.textContent; }).join(" ").toLowerCase();
        var whole = q === "" || head.indexOf(q) >= 0;
        var any = false;
        d.querySelectorAll(".schema-col, .schema-keys li").forEach(function (c) {
          var hit = whole || c.textContent.toLowerCase().indexOf(q) >= 0;
          c.hidden = !hit;
          any = any || hit;
        });
        d.hidden = !(whole || any);
        d.open = q !== "" && !d.hidden;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!$("sql-form")) {
      return; // the console is not enabled on this server
    }
    initEditor();
    $("sql-form").addEventListener("submit", function (e) {
      e.preventDefault();
      run();
    });
    $("sql-chart-draw").addEventListener("click", drawChart);
    document.querySelectorAll("#sql-downloads button[data-format]").forEach(function (b) {
      b.addEventListener("click", function () { download(b.getAttribute("data-format")); });
    });
    initExamples();
    initSchema();
    window.addEventListener("resize", function () {
      if (chart) {
        chart.resize();
      }
    });
  });
})();
