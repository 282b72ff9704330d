// The review queue: each flag's buttons post the decision as JSON to
// /api/review/{flag_id} with the page's CSRF token, then reload the page,
// which shows the decision at once (the server advances its data version
// on every decision).
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute("content") : "";
  function decide(box, status) {
    var result = box.querySelector(".decide-result");
    var buttons = box.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    result.textContent = "正在保存…";
    var headers = { "Content-Type": "application/json" };
    if (token) headers["X-CSRF-Token"] = token;
    fetch("/api/review/" + encodeURIComponent(box.dataset.flag), {
      method: "POST",
      headers: headers,
      credentials: "same-origin",
      body: JSON.stringify({ status: status, comment: box.querySelector("input").value })
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (!r.ok) throw new Error(r.body && r.body.error ? r.body.error : "保存失败");
      result.textContent = "已保存";
      location.hash = "flag-" + box.dataset.flag;
      location.reload();
    }).catch(function (err) {
      result.textContent = err.message || "保存失败，请刷新页面后重试";
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("div.decide"), function (box) {
    Array.prototype.forEach.call(box.querySelectorAll("button"), function (b) {
      b.addEventListener("click", function () { decide(box, b.value); });
    });
  });
})();
