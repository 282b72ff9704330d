// The upload page: files, a folder or a .zip, chosen or dropped, sent in one
// request to /api/ingest; the answer lists what became of each file.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var drop = document.getElementById("drop");
  var go = document.getElementById("upload-go");
  var chosen = document.getElementById("chosen");
  var status = document.getElementById("upload-status");
  var bar = document.getElementById("upload-progress");
  var maxFile = Number(form.dataset.maxFile) * 1048576;
  var maxFiles = Number(form.dataset.maxFiles);
  var files = []; // {file, name}

  function setFiles(list) {
    files = list;
    var bytes = files.reduce(function (n, f) { return n + f.file.size; }, 0);
    var big = files.filter(function (f) { return f.file.size > maxFile; }).length;
    chosen.textContent = files.length === 0 ? "尚未选择文件。" :
      "已选择 " + files.length + " 个文件，共 " + (bytes / 1048576).toFixed(1) + " MB" +
      (big ? "；其中 " + big + " 个超过单个文件上限，将不被载入" : "") +
      (files.length > maxFiles ? "；超过每次 " + maxFiles + " 个文件的上限，请分批上传" : "") + "。";
    go.disabled = files.length === 0 && !document.getElementById("pick-regions").files.length;
  }
  function fromInput(input) {
    return Array.prototype.map.call(input.files, function (f) {
      return { file: f, name: f.webkitRelativePath || f.name };
    });
  }
  document.getElementById("pick-files").addEventListener("change", function () { setFiles(fromInput(this)); });
  document.getElementById("pick-folder").addEventListener("change", function () { setFiles(fromInput(this)); });
  function showRegions() {
    var r = document.getElementById("pick-regions").files;
    document.getElementById("regions-name").textContent = r.length ? r[0].name : "未选择";
  }
  document.getElementById("pick-regions").addEventListener("change", function () { showRegions(); setFiles(files); });

  // Dropped folders are walked; a dropped .zip goes as it is.
  function walk(entry, prefix, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({ file: f, name: prefix + f.name }); resolve(); }, resolve);
        return;
      }
      var reader = entry.createReader(), all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(all.map(function (e) { return walk(e, prefix + entry.name + "/", out); })).then(resolve);
            return;
          }
          all = all.concat(Array.prototype.slice.call(batch));
          more();
        }, resolve);
      })();
    });
  }
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    var items = e.dataTransfer.items, out = [], waits = [];
    for (var i = 0; items && i < items.length; i++) {
      var entry = items[i].webkitGetAsEntry && items[i].webkitGetAsEntry();
      if (entry) waits.push(walk(entry, "", out));
    }
    if (!waits.length) {
      setFiles(Array.prototype.map.call(e.dataTransfer.files, function (f) { return { file: f, name: f.name }; }));
      return;
    }
    Promise.all(waits).then(function () {
      var regions = out.filter(function (f) { return /(^|\/)regions\.csv$/i.test(f.name); });
      var reports = out.filter(function (f) { return regions.indexOf(f) < 0; });
      if (regions.length) {
        var dt = new DataTransfer();
        dt.items.add(regions[0].file);
        document.getElementById("pick-regions").files = dt.files;
        showRegions();
      }
      setFiles(reports);
    });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var data = new FormData();
    if (document.getElementById("replace").checked) data.append("replace", "1");
    var regions = document.getElementById("pick-regions").files;
    if (regions.length) data.append("regions", regions[0], "regions.csv");
    files.forEach(function (f) {
      data.append("name", f.name);
      data.append("mtime", String(f.file.lastModified || 0));
      data.append("files", f.file, f.name);
    });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    // A signed-in session's CSRF token (the layout's <meta name="csrf-token">).
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) xhr.setRequestHeader("X-CSRF-Token", token.getAttribute("content"));
    xhr.responseType = "json";
    go.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "正在上传…";
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total);
    };
    xhr.upload.onload = function () { status.textContent = "已上传，正在识别和载入…"; };
    xhr.onload = function () {
      bar.hidden = true;
      go.disabled = false;
      var r = xhr.response || {};
      if (xhr.status !== 200 || !r.stored) {
        status.textContent = r.error || "上传失败（" + xhr.status + "），未载入任何文件。";
        return;
      }
      status.textContent = "完成。";
      show(r);
    };
    xhr.onerror = function () {
      bar.hidden = true;
      go.disabled = false;
      status.textContent = "连接中断：请检查网络后重试。本次上传要么全部载入，要么全部未载入。";
    };
    xhr.send(data);
  });

  function show(r) {
    var c = r.counts;
    document.getElementById("upload-summary").textContent =
      "已载入 " + c.loaded + " 份，已替换 " + c.replaced + " 份，未变化 " + c.unchanged + " 份，拒绝 " + c.refused +
      " 份，失败 " + c.failed + " 份；其中 " + c.flagged + " 份数据校验不符，" + c.unplaced + " 份未归入区县。各页面已显示新数据。";
    var ul = document.getElementById("upload-regions");
    ul.textContent = "";
    if (r.regions.added || r.regions.changed.length || r.regions.placed_now) {
      var li = document.createElement("li");
      li.textContent = "区划表：新增 " + r.regions.added + " 个单位，更新 " + r.regions.changed.length + " 个单位的归属" +
        (r.regions.placed_now ? "；此前未归入区县的 " + r.regions.placed_now + " 份报告已归入" : "") + "。";
      ul.appendChild(li);
      r.regions.changed.forEach(function (t) {
        var li2 = document.createElement("li");
        li2.textContent = "归属变更：" + t;
        ul.appendChild(li2);
      });
    }
    var tbody = document.querySelector("#upload-files tbody");
    tbody.textContent = "";
    // What needs a look first: refused and failed, then replaced or flagged.
    var rank = function (f) {
      if (f.action === "refused" || f.action === "failed") return 0;
      if (f.action === "replaced" || f.flagged || f.unplaced) return 1;
      return 2;
    };
    r.files.map(function (f, i) { return [rank(f), i, f]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (x) { return x[2]; })
      .forEach(function (f) {
      var tr = document.createElement("tr");
      [[f.file], [f.status, "st-" + f.action], [f.org || "—"], [f.year ? String(f.year) : "—", "num"], [f.message || "", "msg"]]
        .forEach(function (cell) {
          var td = document.createElement("td");
          td.textContent = cell[0];
          if (cell[1]) td.className = cell[1];
          tr.appendChild(td);
        });
      tbody.appendChild(tr);
    });
    document.getElementById("upload-result").hidden = false;
  }
})();
