// Small helpers; htmx does the rest.
document.addEventListener("htmx:responseError", function (evt) {
  var box = document.createElement("div");
  box.className = "msg msg-error";
  box.setAttribute("role", "alert");
  box.textContent = "操作未完成：" + (evt.detail.xhr.status === 403 ? "没有权限。" : "请稍后重试。");
  var main = document.getElementById("main");
  if (main) main.prepend(box);
});

document.addEventListener("DOMContentLoaded", function () {
  // Phone menu: ☰ opens the side navigation; a tap outside or Esc closes it.
  var toggle = document.querySelector(".nav-toggle");
  function setOpen(open) {
    document.body.classList.toggle("nav-open", open);
    if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (toggle) toggle.addEventListener("click", function () { setOpen(!document.body.classList.contains("nav-open")); });
  var backdrop = document.querySelector(".nav-backdrop");
  if (backdrop) backdrop.addEventListener("click", function () { setOpen(false); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") setOpen(false); });

  // "复制" buttons next to a key shown once.
  document.querySelectorAll("[data-copy]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var el = document.querySelector(btn.getAttribute("data-copy"));
      if (!el) return;
      var text = el.textContent.trim();
      var done = function () { btn.textContent = "已复制"; };
      if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); }
      else {
        var range = document.createRange(); range.selectNodeContents(el);
        var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        try { document.execCommand("copy"); done(); } catch (err) { btn.textContent = "请手动复制"; }
      }
    });
  });
});
